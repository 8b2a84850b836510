package dev.vigil.server.cli;

import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import java.nio.file.Path;

/** Child process for {@link ImportCommandTest}: holds a TSDB open, as a running server does, until stdin closes. */
public final class TsdbHolder {
    private TsdbHolder() {}

    public static void main(String[] args) throws Exception {
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(Path.of(args[0])))) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close stdin
            }
        }
    }
}
