package io.effortlens.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs independent model fits (bootstrap rounds, one estimate per delight action) as concurrent
 * Spark jobs from a few driver threads. On small data every MLlib iteration is a short job whose
 * cost is mostly scheduling, so two fits in flight keep both cores busy; each fit reads only its
 * own inputs and is seeded, so results (returned in input order) do not depend on the threads.
 */
public final class ParallelFits {
  /**
   * Fits in flight at once. A fit reads one partition (train.regression-partitions), so each of its
   * jobs is one task between driver-side scheduling gaps; with four in flight the two cores still
   * have a task to run while other fits are being scheduled.
   */
  public static final int THREADS_DEFAULT = 4;

  private ParallelFits() {}

  /** {@code fit(0) ... fit(count - 1)}, in order; the first failure is rethrown. */
  public static <R> List<R> run(int count, int threads, IntFunction<R> fit) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, count)));
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit(() -> fit.apply(index)));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> future : futures) {
        out.add(result(future));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <R> R result(Future<R> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Cannot finish the fits: the driver thread was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("Cannot finish the fits: " + e.getCause(), e.getCause());
    }
  }
}
