package io.effortlens.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The driver-side state of one {@link BatchedLogistic} model: OWL-QN (Andrew and Gao, "Scalable
 * training of L1-regularized log-linear models", 2007) as a state machine that proposes a point
 * ({@link #point()}), is told the loss and gradient sums there ({@link #evaluated}) and either
 * accepts it (Armijo condition on the whole objective along the orthant-projected step) or halves
 * the step. All models advance together, one Spark job per round of evaluations.
 *
 * <p>The search runs, as MLlib's does, on standardised and centred features ({@code (x − μ)/σ},
 * weighted mean and standard deviation of the model's rows), which keeps the problem well
 * conditioned whatever the features' scales; the loss and gradient sums are taken in the original
 * scale ({@link #point()}) and converted. Coordinates: the {@code d} coefficients, then the
 * intercept (never penalised). A coefficient whose penalties are NaN (no weighted variance) stays
 * 0.
 */
final class OwlqnSearch {
  private static final int HISTORY = 10;
  private static final int MAX_BACKTRACKS = 20;
  private static final double ARMIJO = 1e-4;
  private static final double PRECISION = 1e-15;
  private static final double NOISE = 1e-12;

  /**
   * Total weight, weighted positives, the per-coefficient L1 and L2 weights of one model (on the
   * original-scale coefficients) and its features' weighted means and standard deviations.
   */
  record Penalties(
      double weight, double positives, double[] l1, double[] l2, double[] mean, double[] std) {}

  private final int model;
  private final int maxIterations;
  private final Penalties penalties;
  private final int d;
  private final double[] l1;
  private final double[] l2;
  private final Deque<double[][]> history = new ArrayDeque<>();
  private double[] x;
  private double[] gradient;
  private double[] pseudoGradient;
  private double value = Double.NaN;
  private double[] direction;
  private double[] trial;
  private double step;
  private int backtracks;
  private int iterations;
  private boolean done;
  private boolean converged;

  OwlqnSearch(int model, Penalties penalties, int maxIterations) {
    this.model = model;
    this.maxIterations = maxIterations;
    this.penalties = penalties;
    this.d = penalties.l1().length;
    this.l1 = new double[d];
    this.l2 = new double[d];
    for (int j = 0; j < d; j++) {
      double std = penalties.std()[j];
      l1[j] = penalties.l1()[j] / std;
      l2[j] = penalties.l2()[j] / (std * std);
    }
    double negatives = penalties.weight() - penalties.positives();
    if (!(penalties.weight() > 0)) {
      throw new IllegalArgumentException(
          "Cannot fit logistic model " + model + ": no row has a positive weight");
    }
    trial = new double[d + 1];
    if (penalties.positives() <= 0 || negatives <= 0) {
      // one label only: MLlib's answer, coefficients 0 and an infinite intercept
      trial[d] = penalties.positives() > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      x = trial;
      done = true;
      converged = true;
      return;
    }
    trial[d] = Math.log(penalties.positives() / negatives); // MLlib's start: the base rate
  }

  int model() {
    return model;
  }

  boolean done() {
    return done;
  }

  boolean converged() {
    return converged;
  }

  int iterations() {
    return iterations;
  }

  /**
   * The point whose loss and gradient sums the next evaluation computes, in the original scale:
   * coefficients, then intercept.
   */
  double[] point() {
    return original(trial);
  }

  BatchedLogistic.Solution solution() {
    double[] point = original(x);
    double[] coefficients = new double[d];
    System.arraycopy(point, 0, coefficients, 0, d);
    return new BatchedLogistic.Solution(coefficients, point[d], iterations, converged);
  }

  private double[] original(double[] internal) {
    double[] point = new double[d + 1];
    double intercept = internal[d];
    for (int j = 0; j < d; j++) {
      if (!fixed(j)) {
        point[j] = internal[j] / penalties.std()[j];
        intercept -= point[j] * penalties.mean()[j];
      }
    }
    point[d] = intercept;
    return point;
  }

  /** The sums at {@link #point()}: gradient (coefficients, intercept), then the loss. */
  void evaluated(double[] sums) {
    double[] g = new double[d + 1];
    double objective = sums[d + 1] / penalties.weight();
    g[d] = sums[d] / penalties.weight();
    for (int j = 0; j < d; j++) {
      if (fixed(j)) {
        continue;
      }
      double b = trial[j];
      double original = sums[j] / penalties.weight();
      g[j] = (original - penalties.mean()[j] * g[d]) / penalties.std()[j] + l2[j] * b;
      objective += 0.5 * l2[j] * b * b + l1[j] * Math.abs(b);
    }
    if (x == null) {
      moveTo(trial, g, objective);
      return;
    }
    double decrease = 0;
    for (int j = 0; j <= d; j++) {
      decrease += pseudoGradient[j] * (trial[j] - x[j]);
    }
    if (objective <= value + ARMIJO * decrease || approximatelyWolfe(objective, g)) {
      double previous = value;
      remember(trial, g);
      moveTo(trial, g, objective);
      if (!done && Math.abs(previous - objective) <= PRECISION * Math.abs(objective)) {
        stall(); // neither the objective nor its slope shows progress any more
      }
    } else if (++backtracks > MAX_BACKTRACKS) {
      stall();
    } else {
      step /= 2;
      trial = projected(step);
    }
  }

  /**
   * Hager and Zhang's approximate Wolfe conditions, for the last steps, where the objective's
   * change is within rounding of its sums: no increase beyond that rounding, and the slope along
   * the direction at the trial point between 0.9 and -0.8 times its start (a step that used most of
   * the descent without overshooting). Slopes come from the gradient, which rounding does not hide.
   */
  private boolean approximatelyWolfe(double objective, double[] g) {
    if (objective > value + NOISE * Math.abs(value)) {
      return false;
    }
    double start = 0;
    double end = 0;
    double[] pgTrial = pseudoGradient(trial, g);
    for (int j = 0; j <= d; j++) {
      start += pseudoGradient[j] * direction[j];
      end += pgTrial[j] * direction[j];
    }
    return start < 0 && end >= 0.9 * start && end <= -0.8 * start;
  }

  /**
   * Stops where rounding hides further progress: converged if the pseudo-gradient is within {@link
   * BatchedLogistic#STALL_TOLERANCE}.
   */
  private void stall() {
    done = true;
    converged = largest(pseudoGradient) <= BatchedLogistic.STALL_TOLERANCE;
  }

  private static double largest(double[] values) {
    double largest = 0;
    for (double v : values) {
      largest = Math.max(largest, Math.abs(v));
    }
    return largest;
  }

  private boolean fixed(int j) {
    return Double.isNaN(l1[j]);
  }

  private void moveTo(double[] point, double[] g, double objective) {
    x = point;
    gradient = g;
    value = objective;
    pseudoGradient = pseudoGradient(x, gradient);
    if (largest(pseudoGradient) <= BatchedLogistic.GRADIENT_TOLERANCE) {
      converged = true;
      done = true;
      return;
    }
    if (iterations >= maxIterations) {
      done = true;
      return;
    }
    direction = direction();
    double norm = 0;
    for (double v : pseudoGradient) {
      norm += v * v;
    }
    step = history.isEmpty() ? Math.min(1.0, 1.0 / Math.sqrt(norm)) : 1.0;
    backtracks = 0;
    trial = projected(step);
    iterations++;
  }

  /** The gradient of the smooth part, with the L1 term's one-sided derivatives where it bends. */
  private double[] pseudoGradient(double[] x, double[] gradient) {
    double[] pg = gradient.clone();
    for (int j = 0; j < d; j++) {
      double l = l1[j];
      if (fixed(j) || l == 0) {
        continue;
      }
      if (x[j] > 0) {
        pg[j] += l;
      } else if (x[j] < 0) {
        pg[j] -= l;
      } else if (gradient[j] + l < 0) {
        pg[j] = gradient[j] + l;
      } else if (gradient[j] - l > 0) {
        pg[j] = gradient[j] - l;
      } else {
        pg[j] = 0;
      }
    }
    return pg;
  }

  /** L-BFGS two-loop direction on the pseudo-gradient, kept where it descends each coordinate. */
  private double[] direction() {
    double[] q = pseudoGradient.clone();
    double[] alphas = new double[history.size()];
    int i = 0;
    for (double[][] pair : history) { // newest first
      alphas[i] = dot(pair[0], q) / dot(pair[0], pair[1]);
      axpy(-alphas[i], pair[1], q);
      i++;
    }
    if (!history.isEmpty()) {
      double[][] newest = history.peekFirst();
      scale(q, dot(newest[0], newest[1]) / dot(newest[1], newest[1]));
    }
    Iterator<double[][]> oldestFirst = history.descendingIterator();
    i = history.size() - 1;
    while (oldestFirst.hasNext()) {
      double[][] pair = oldestFirst.next();
      double beta = dot(pair[1], q) / dot(pair[0], pair[1]);
      axpy(alphas[i] - beta, pair[0], q);
      i--;
    }
    double[] dir = new double[d + 1];
    boolean descends = false;
    for (int j = 0; j <= d; j++) {
      // OWL-QN keeps an L1 coordinate only where it moves against its pseudo-gradient; the
      // intercept and L2-only coordinates take the quasi-Newton step as it is
      boolean penalised = j < d && l1[j] > 0;
      dir[j] = !penalised || -q[j] * pseudoGradient[j] < 0 ? -q[j] : 0;
      descends |= dir[j] != 0;
    }
    double slope = 0;
    for (int j = 0; j <= d; j++) {
      slope += dir[j] * pseudoGradient[j];
    }
    descends &= slope < 0;
    if (!descends) {
      history.clear();
      for (int j = 0; j <= d; j++) {
        dir[j] = -pseudoGradient[j];
      }
    }
    return dir;
  }

  /** {@code x + step · direction}, with penalised coordinates that change sign set to 0. */
  private double[] projected(double step) {
    double[] t = new double[d + 1];
    for (int j = 0; j <= d; j++) {
      if (j < d && fixed(j)) {
        continue;
      }
      t[j] = x[j] + step * direction[j];
      if (j < d && l1[j] > 0) {
        double orthant = x[j] != 0 ? Math.signum(x[j]) : -Math.signum(pseudoGradient[j]);
        if (Math.signum(t[j]) != orthant) {
          t[j] = 0;
        }
      }
    }
    return t;
  }

  private void remember(double[] next, double[] nextGradient) {
    double[] s = new double[d + 1];
    double[] y = new double[d + 1];
    for (int j = 0; j <= d; j++) {
      s[j] = next[j] - x[j];
      y[j] = nextGradient[j] - gradient[j];
    }
    if (dot(s, y) > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      history.addFirst(new double[][] {s, y});
      if (history.size() > HISTORY) {
        history.removeLast();
      }
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static void scale(double[] x, double a) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= a;
    }
  }
}
