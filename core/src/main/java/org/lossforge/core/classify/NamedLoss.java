package org.lossforge.core.classify;

import java.util.Objects;

/**
 * A loss with the names a report prints: a short {@code name} (a table key) and its {@code expression} in the loss
 * cell's text syntax (nlfs DESIGN.md: operands {@code y}, {@code yhat}, {@code 1}, {@code -1}; {@code ln(|x|)} is
 * ln(|x| + ε), {@code a / b} is a/(b + ε)), or a formula in words for a loss that is not a cell.
 */
public record NamedLoss(String name, String expression, ClassificationLoss loss) {

    public NamedLoss {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(loss, "loss");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a loss needs a name");
        }
    }

    @Override
    public String toString() {
        return name + ": " + expression;
    }
}
