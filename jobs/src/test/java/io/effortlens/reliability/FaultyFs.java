package io.effortlens.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;

/** {@link FaultyFileSystem} for Hadoop's FileContext API, which Delta's log store commits with. */
public final class FaultyFs extends DelegateToFileSystem {
  public FaultyFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
    super(uri, new FaultyFileSystem(), conf, FaultyFileSystem.SCHEME, false);
  }
}
