package io.effortlens.model;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

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

  /**
   * A step running on a driver thread of its own ({@link #start}), its Spark jobs in a job group of
   * their own.
   */
  public record Step<R>(Future<R> future, SparkContext spark, String group) {
    /** Its result; its failure is rethrown. */
    public R join() {
      return result(future);
    }

    /** Cancels its Spark jobs and interrupts it: for a caller that failed and will not join. */
    public void cancel() {
      spark.cancelJobGroup(group);
      future.cancel(true);
    }
  }

  /**
   * Starts {@code step} on a driver thread of its own, its Spark jobs described as {@code
   * description}. For independent steps of different kinds (the delight and survival estimates
   * beside the defection models, one stability window beside another): each is seeded and reads
   * only its own inputs, so its result does not depend on what runs beside it.
   */
  public static <R> Step<R> start(SparkSession spark, String description, Supplier<R> step) {
    String group = "effortlens-" + UUID.randomUUID();
    FutureTask<R> task =
        new FutureTask<>(
            () -> {
              spark.sparkContext().setJobGroup(group, description, true);
              return step.get();
            });
    Thread thread = new Thread(task, group);
    thread.setDaemon(true);
    thread.start();
    return new Step<>(task, spark.sparkContext(), group);
  }

  /**
   * {@code main}'s result, while {@code started} steps run beside it; when {@code main} fails they
   * are cancelled (nobody will join them) and its failure is rethrown.
   */
  public static <R> R whileRunning(List<? extends Step<?>> started, Supplier<R> main) {
    try {
      return main.get();
    } catch (RuntimeException | Error e) {
      started.forEach(Step::cancel);
      throw e;
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
