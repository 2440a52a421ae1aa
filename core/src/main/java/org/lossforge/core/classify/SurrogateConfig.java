package org.lossforge.core.classify;

import java.util.List;
import java.util.Locale;

/**
 * Everything a surrogate training depends on besides the loss and the seed. Presets: {@link #cpuDefault()} (a
 * 2-core machine, about a minute per candidate), {@link #paperScale()} (the authors' surrogate A, for GPU hosts),
 * {@link #paperStandard()} (the authors' cheap initial-pool fitness). See DESIGN.md for where each number comes
 * from.
 *
 * @param data     which images and how they are split
 * @param net      the pre-activation ResNet
 * @param schedule batch size, length and learning rate of the main run
 * @param precheck the cheap reject
 * @param abort    the in-run early abort (keeps the score so far; null = none)
 */
public record SurrogateConfig(Data data, Net net, Schedule schedule, Precheck precheck, EarlyAbort abort) {

    public SurrogateConfig {
        if (data == null || net == null || schedule == null || precheck == null) {
            throw new IllegalArgumentException("data, net, schedule and precheck are required");
        }
        if (precheck.separateRun() == null && precheck.epochs() > schedule.epochs()) {
            throw new IllegalArgumentException("the precheck prefix (" + precheck.epochs() + " epochs) is longer than the run ("
                    + schedule.epochs() + ")");
        }
    }

    /**
     * @param dataset       {@link ImageData} name
     * @param trainImages   how many of the stored training images to use (a class-balanced prefix; 0 = all)
     * @param validPerClass images per class held out of those for validation (the fitness)
     * @param splitSeed     seed of the held-out split; fixed across candidates so their fitness is comparable
     * @param imageSize     0 = native resolution, else a bilinear resize to imageSize × imageSize
     */
    public record Data(String dataset, int trainImages, int validPerClass, long splitSeed, int imageSize) {
        public Data {
            if (!ImageData.NAMES.contains(dataset)) {
                throw new IllegalArgumentException("unknown data set '" + dataset + "'; known: " + ImageData.NAMES);
            }
            if (trainImages < 0 || validPerClass < 1 || imageSize < 0) {
                throw new IllegalArgumentException("trainImages ≥ 0, validPerClass ≥ 1 and imageSize ≥ 0 required");
            }
        }
    }

    /**
     * The authors' ResNet9V2 shape: a 3×3 stem conv, then per width one block of {@code convsPerBlock} pre-activation
     * (BN → swish → 3×3 conv) layers, the first with stride 2, plus a stride-2 1×1 conv shortcut; global average
     * pooling, dropout, a dense layer and softmax.
     */
    public record Net(int stemWidth, List<Integer> widths, int convsPerBlock, double dropout) {
        public Net {
            widths = List.copyOf(widths);
            if (stemWidth < 1 || widths.isEmpty() || widths.stream().anyMatch(w -> w < 1) || convsPerBlock < 1) {
                throw new IllegalArgumentException("widths and convsPerBlock must be positive and at least one block given");
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
        }
    }

    /**
     * Adam (β 0.9/0.999, ε 1e-7 as Keras) with the authors' learning rate: linear warm-up to {@code lr} over
     * {@code warmupSteps}, then a cosine to 0 at {@code scheduleSteps} (0 = the run's own length); the schedule may be
     * longer than the run, as in the authors' precheck.
     *
     * @param stepsPerEpoch steps between evaluations; 0 = one pass over the training images
     */
    public record Schedule(int batchSize, int epochs, int stepsPerEpoch, double lr, int warmupSteps, int scheduleSteps) {
        public Schedule {
            if (batchSize < 1 || epochs < 1 || stepsPerEpoch < 0 || warmupSteps < 0 || scheduleSteps < 0) {
                throw new IllegalArgumentException("batch size and epochs must be positive, step counts ≥ 0");
            }
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("lr must be positive, got " + lr);
            }
        }

        public Schedule withEpochs(int e) {
            return new Schedule(batchSize, e, stepsPerEpoch, lr, warmupSteps, scheduleSteps);
        }
    }

    /**
     * Fail the candidate when the best training accuracy of the first {@code epochs} epochs stays below
     * {@code minTrainAccuracy}. With {@code separateRun} null the prefix is the main run's own (no extra cost);
     * otherwise a separate short run at native resolution with that schedule (the authors' precheck) comes first.
     * {@code epochs = 0} disables the precheck.
     */
    public record Precheck(int epochs, double minTrainAccuracy, Schedule separateRun) {
        public Precheck {
            if (epochs < 0 || !(minTrainAccuracy >= 0 && minTrainAccuracy <= 1)) {
                throw new IllegalArgumentException("precheck epochs ≥ 0 and threshold in [0, 1] required");
            }
            if (separateRun != null && epochs > separateRun.epochs()) {
                throw new IllegalArgumentException("precheck epochs exceed its separate run");
            }
        }

        public static Precheck none() {
            return new Precheck(0, 0, null);
        }
    }

    /** Stop the main run (keeping the best validation accuracy so far) once, at an epoch index ≥ {@code fromEpoch}, the training accuracy is below {@code minTrainAccuracy}. */
    public record EarlyAbort(int fromEpoch, double minTrainAccuracy) {
    }

    /**
     * The 2-core CPU default: the authors' ResNet9V2 (8 / 16 / 32 channels, 3 convs per block, dropout 0.5) on the
     * CIFAR-10 subset at 32×32 (7,000 training, 1,000 validation images), no augmentation, batch 64, 10 epochs of
     * 100 steps (about 9 passes), Adam 1e-3 with 100 warm-up steps and a cosine over the run; precheck (a prefix of
     * the run): training accuracy must reach 0.2 within the first 3 epochs (chance is 0.1; cross-entropy reaches
     * about 0.35 and Baikal 0.30 by then). 25–60 s per candidate on one core of a shared 2-core machine
     * (docs/benchmarks.md).
     */
    public static SurrogateConfig cpuDefault() {
        return new SurrogateConfig(
                new Data(ImageData.CIFAR10, 0, 100, 0, 0),
                new Net(8, List.of(16, 32), 3, 0.5),
                new Schedule(64, 10, 100, 1e-3, 100, 0),
                new Precheck(3, 0.2, null),
                null);
    }

    /**
     * The smallest useful surrogate, for evolution runs of hundreds of children on a 2-core CPU: the authors'
     * ResNet9V2 (8 / 16 / 32, dropout 0.5) on Fashion-MNIST at its native 28×28 (3,000 training images, 500 held out
     * for validation), batch 64, 4 epochs of 25 steps (100 steps, about two passes), Adam 1e-3 with 20 warm-up steps
     * and a cosine over the run; precheck: training accuracy ≥ 0.2 within the first 2 epochs. A few seconds per
     * candidate on one core (docs/benchmarks.md). Its fitness separates losses that learn from losses that do not,
     * and ranks the ones that learn by how fast; it says little about a loss at scale.
     */
    public static SurrogateConfig tiny() {
        return new SurrogateConfig(
                new Data(ImageData.FASHION_MNIST, 3500, 50, 0, 0),
                new Net(8, List.of(16, 32), 3, 0.5),
                new Schedule(64, 4, 25, 1e-3, 20, 0),
                new Precheck(2, 0.2, null),
                null);
    }

    /** A preset by name: {@code tiny}, {@code cpu}, {@code paper} or {@code paper-standard}. */
    public static SurrogateConfig preset(String name) {
        return switch (name) {
            case "tiny" -> tiny();
            case "cpu" -> cpuDefault();
            case "paper" -> paperScale();
            case "paper-standard" -> paperStandard();
            default -> throw new IllegalArgumentException("unknown surrogate preset '" + name + "'; known: " + PRESETS);
        };
    }

    /** The preset names {@link #preset} knows. */
    public static final List<String> PRESETS = List.of("tiny", "cpu", "paper", "paper-standard");

    /**
     * The authors' surrogate A ([C2] {@code fitness_function_resnet_rand_aug}) for a GPU host: ResNet9V2 at 80×80,
     * batch 64, 80 epochs × 100 steps, Adam with warm-up 800 / cosine 8000 to 1e-3; the precheck is their separate
     * 32×32 run (batch 128, 8 × 100 steps inside the same 800 / 8000 schedule, fail below 0.35 training accuracy);
     * early abort below 0.22 training accuracy from epoch index 7. Not reproduced: RandAugment (not implemented) and
     * their 45,000 / 5,000 split (the repository ships 8,000 CIFAR-10 training images: 7,000 / 1,000 here).
     */
    public static SurrogateConfig paperScale() {
        return new SurrogateConfig(
                new Data(ImageData.CIFAR10, 0, 100, 0, 80),
                new Net(8, List.of(16, 32), 3, 0.5),
                new Schedule(64, 80, 100, 1e-3, 800, 8000),
                new Precheck(8, 0.35, new Schedule(128, 8, 100, 1e-3, 800, 8000)),
                new EarlyAbort(7, 0.22));
    }

    /**
     * The authors' cheap fitness for the initial pool ([C2] {@code fitness_function_resnet_standard}): 32×32, no
     * augmentation, batch 128, 80 × 100 steps, warm-up 800 / cosine 8000; abort below 0.35 training accuracy from
     * epoch index 6, and "failed" when the training accuracy never reaches 0.35 (here: within the first 7 epochs).
     */
    public static SurrogateConfig paperStandard() {
        return new SurrogateConfig(
                new Data(ImageData.CIFAR10, 0, 100, 0, 0),
                new Net(8, List.of(16, 32), 3, 0.5),
                new Schedule(128, 80, 100, 1e-3, 800, 8000),
                new Precheck(7, 0.35, null),
                new EarlyAbort(6, 0.35));
    }

    /** The same configuration on another data set. */
    public SurrogateConfig withData(Data d) {
        return new SurrogateConfig(d, net, schedule, precheck, abort);
    }

    public SurrogateConfig withNet(Net n) {
        return new SurrogateConfig(data, n, schedule, precheck, abort);
    }

    public SurrogateConfig withSchedule(Schedule s) {
        return new SurrogateConfig(data, net, s, precheck, abort);
    }

    public SurrogateConfig withPrecheck(Precheck p) {
        return new SurrogateConfig(data, net, schedule, p, abort);
    }

    public SurrogateConfig withAbort(EarlyAbort a) {
        return new SurrogateConfig(data, net, schedule, precheck, a);
    }

    /** The same run with {@code e} epochs (successive halving's budget); a prefix precheck longer than that is shortened. */
    public SurrogateConfig withEpochs(int e) {
        Precheck p = precheck.separateRun() == null && precheck.epochs() > e
                ? new Precheck(e, precheck.minTrainAccuracy(), null) : precheck;
        return new SurrogateConfig(data, net, schedule.withEpochs(e), p, abort);
    }

    /** One line for report headers. */
    public String describe() {
        String size = data.imageSize() == 0 ? "native size" : data.imageSize() + "×" + data.imageSize();
        return String.format(Locale.ROOT,
                "%s (%s training images, %d per class held out, split seed %d, %s); pre-activation ResNet stem %d, widths %s, "
                        + "%d convs/block, dropout %.2f; batch %d, %d epochs × %s steps, Adam lr %s, warm-up %d, cosine over %s steps; "
                        + "precheck %s; early abort %s",
                data.dataset(), data.trainImages() == 0 ? "all" : Integer.toString(data.trainImages()), data.validPerClass(),
                data.splitSeed(), size, net.stemWidth(), net.widths(), net.convsPerBlock(), net.dropout(), schedule.batchSize(),
                schedule.epochs(), schedule.stepsPerEpoch() == 0 ? "one pass of" : Integer.toString(schedule.stepsPerEpoch()),
                schedule.lr(), schedule.warmupSteps(), schedule.scheduleSteps() == 0 ? "the run's" : Integer.toString(schedule.scheduleSteps()),
                precheck.epochs() == 0 ? "none" : String.format(Locale.ROOT, "train accuracy ≥ %.2f within %d epochs%s",
                        precheck.minTrainAccuracy(), precheck.epochs(), precheck.separateRun() == null ? ""
                                : " of a separate native-size run (batch " + precheck.separateRun().batchSize() + ")"),
                abort == null ? "none" : String.format(Locale.ROOT, "train accuracy < %.2f from epoch %d", abort.minTrainAccuracy(),
                        abort.fromEpoch()));
    }
}
