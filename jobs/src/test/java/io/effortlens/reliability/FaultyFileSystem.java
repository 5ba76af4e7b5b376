package io.effortlens.reliability;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code faulty:}, with a switchable fault: none, read-only
 * (every write is refused with "Permission denied", as on a folder the user may not write), or full
 * (writes fail with "No space left on device" once a byte budget is spent). Registered for a
 * session with {@link #register}; the fault is JVM-wide, so tests using it run one at a time.
 */
public final class FaultyFileSystem extends RawLocalFileSystem {
  static final String SCHEME = "faulty";
  private static final URI ROOT = URI.create(SCHEME + ":///");
  private static volatile Fault fault = Fault.NONE;
  private static final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);

  /** The fault in effect. */
  enum Fault {
    NONE,
    READ_ONLY,
    FULL
  }

  /** Sets the fault; for {@link Fault#FULL}, {@code bytes} may still be written before it hits. */
  static void inject(Fault next, long bytes) {
    budget.set(next == Fault.FULL ? bytes : Long.MAX_VALUE);
    fault = next;
  }

  /** Makes {@code faulty:} paths resolve to this file system in a Hadoop configuration. */
  static void register(Configuration hadoop) {
    hadoop.set("fs." + SCHEME + ".impl", FaultyFileSystem.class.getName());
    hadoop.set("fs.AbstractFileSystem." + SCHEME + ".impl", FaultyFs.class.getName());
  }

  @Override
  public URI getUri() {
    return ROOT;
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
    setConf(conf);
  }

  @Override
  public FSDataOutputStream create(
      Path f,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    refuseWrites(f);
    return limited(super.create(f, overwrite, bufferSize, replication, blockSize, progress));
  }

  @Override
  public FSDataOutputStream create(
      Path f,
      FsPermission permission,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    refuseWrites(f);
    return limited(
        super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress));
  }

  @Override
  public FSDataOutputStream createNonRecursive(
      Path f,
      FsPermission permission,
      EnumSet<CreateFlag> flags,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    refuseWrites(f);
    return limited(
        super.createNonRecursive(
            f, permission, flags, bufferSize, replication, blockSize, progress));
  }

  @Override
  public FSDataOutputStream append(Path f, int bufferSize, Progressable progress)
      throws IOException {
    refuseWrites(f);
    return limited(super.append(f, bufferSize, progress));
  }

  @Override
  public boolean mkdirs(Path f, FsPermission permission) throws IOException {
    if (!exists(f)) {
      refuseWrites(f);
    }
    return super.mkdirs(f, permission);
  }

  @Override
  public boolean mkdirs(Path f) throws IOException {
    if (!exists(f)) {
      refuseWrites(f);
    }
    return super.mkdirs(f);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    refuseWrites(dst);
    return super.rename(src, dst);
  }

  @Override
  public boolean delete(Path p, boolean recursive) throws IOException {
    refuseWrites(p);
    return super.delete(p, recursive);
  }

  private static void refuseWrites(Path f) throws IOException {
    if (fault == Fault.READ_ONLY) {
      throw new AccessDeniedException(f.toString(), null, "Permission denied");
    }
    if (fault == Fault.FULL && budget.get() <= 0) {
      throw new IOException("No space left on device");
    }
  }

  private FSDataOutputStream limited(FSDataOutputStream out) throws IOException {
    if (fault != Fault.FULL) {
      return out;
    }
    return new FSDataOutputStream(new Limited(out), statistics);
  }

  /** Counts written bytes against the budget and fails like a full disk once it is spent. */
  private static final class Limited extends FilterOutputStream {
    Limited(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      spend(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      spend(len);
      out.write(b, off, len);
    }

    private static void spend(long bytes) throws IOException {
      if (budget.addAndGet(-bytes) < 0) {
        throw new IOException("No space left on device");
      }
    }
  }
}
