package io.netprobe.cli;

import io.netprobe.Probes;
import io.netprobe.testing.site.LocalSite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

/**
 * The training run for the class-data archive the launcher uses: runs {@code dig}, {@code tcp}, {@code head},
 * {@code ss}, {@code --version} and {@code --help} once each (head over plain HTTP and over HTTPS) in this JVM against a stand-in site on loopback, so
 * that every class they load is archived. Output is discarded. Not part of the command; run by the launcher with
 * {@code NETPROBE_CDS=train}. Stateless.
 */
public final class Training {
  private Training() {
  }

  public static void main(String[] args) throws Exception {
    try (LocalSite site = LocalSite.cloudflareInFrontOfDjango("quizai.juwonpark.me").start()) {
      String dnsPort = Integer.toString(site.dns().address().getPort());
      String httpPort = Integer.toString(site.httpAddress().getPort());
      String httpsPort = Integer.toString(site.httpsAddress().getPort());
      // https with a 200 that has a content type and a cookie, as real sites answer (TLS, media types, cookies)
      String[] https = {"--resolve", "quizai.juwonpark.me:" + httpsPort + ":127.0.0.1",
          "https://quizai.juwonpark.me:" + httpsPort + "/quiz/"};
      String[][] runs = {{"--version"}, {"--help"},
          {"dig", "@127.0.0.1", "-p", dnsPort, "quizai.juwonpark.me"},
          {"dig", "@127.0.0.1", "-p", dnsPort, "quizai.juwonpark.me", "--json"},
          {"tcp", "127.0.0.1", httpPort}, {"tcp", "127.0.0.1", httpPort, "--json"},
          {"head", "http://127.0.0.1:" + httpPort + "/"}, {"head", "http://127.0.0.1:" + httpPort + "/", "--json"},
          {"head", "-k", https[0], https[1], https[2]}, {"head", "-k", "--json", https[0], https[1], https[2]},
          {"head", "-k", "-L", https[0], https[1], https[2].replace("/quiz/", "/")},
          {"ss", "-tln"}, {"ss", "-tlnp", "--json"}};
      for (String[] run : runs) {
        Netprobe.commandLine(Probes.defaultClient(), Locale.getDefault(), new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter())).execute(run);
      }
    }
  }
}
