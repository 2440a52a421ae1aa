package org.lossforge.trainer;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;

/**
 * Unpacks libtorch from the pytorch-native jar on the classpath into {@code DJL_CACHE_DIR}, loads it once to prove it
 * works, and exits. The trainer's CPU container image runs this while it is built (src/main/docker/Dockerfile.jvm), so
 * a started pod finds the libraries in place: nothing is written to the cache at start, nothing is ever downloaded
 * (DJL offline). Not used by the service itself, which does the same lazily through {@link DjlEngine}.
 *
 * <pre>
 * DJL_CACHE_DIR=/deployments/djl-cache java -cp "/deployments/app/*:/deployments/lib/main/*:/deployments/lib/boot/*" \
 *     org.lossforge.trainer.LibtorchCache
 * </pre>
 *
 * The CUDA build ({@code -Pgpu}) cannot be unpacked this way on a builder without a GPU: DJL only takes a bundled
 * {@code cu*} library on a machine whose CUDA matches, so that image unpacks it at its first start on the GPU node.
 */
public final class LibtorchCache {

    private LibtorchCache() {
    }

    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        long t0 = System.nanoTime();
        Engine e = Engine.getInstance();   // unpacks (first time) and loads libtorch and DJL's JNI library; throws if it cannot
        System.out.printf("%s %s on %s; libraries in %s (%d ms)%n", e.getEngineName(), e.getVersion(),
                e.defaultDevice(), Utils.getEngineCacheDir("pytorch"), (System.nanoTime() - t0) / 1_000_000);
    }
}
