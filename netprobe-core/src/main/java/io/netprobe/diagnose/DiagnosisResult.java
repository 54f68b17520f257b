package io.netprobe.diagnose;

import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link io.netprobe.Probes#diagnose(String)}: the verdict, every layer's checks, the inferred path,
 * and notes worth knowing that are not failures. {@code DiagnosisReport.render(diagnosis, locale)} in netprobe-diagnose
 * renders it as text in English or Korean.
 *
 * <p>Immutable and thread-safe.
 *
 * @param url the URL diagnosed
 * @param host its host
 * @param verdict the first failing layer and what to do, or OK
 * @param layers the layers in checklist order (network, DNS, HTTP, origin, local ports); layers that did not apply
 *     are left out
 * @param path the path the request takes (client → edge → origin)
 * @param addresses the addresses the host resolved to
 * @param notes remarks that do not change the verdict
 * @param started when the diagnosis started
 * @param elapsed how long it took (never much past its timeout)
 * @param backend the id of the engine that made the diagnosis ({@code "none"} when none could run)
 * @param failure why no diagnosis could be made (a missing engine, an engine that failed); empty whenever the checklist
 *     ran, whatever its verdict — {@link #isHealthy()} says whether the site works
 */
public record DiagnosisResult(URI url, Host host, Verdict verdict, List<LayerResult> layers, NetworkPath path,
    List<InetAddress> addresses, List<Note> notes, Instant started, Duration elapsed, String backend,
    Optional<ProbeFailure> failure) implements ProbeResult {

  public DiagnosisResult {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(verdict, "verdict");
    layers = List.copyOf(layers);
    Objects.requireNonNull(path, "path");
    addresses = List.copyOf(addresses);
    notes = List.copyOf(notes);
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(failure, "failure");
  }

  /** True when the verdict is OK. */
  public boolean isHealthy() {
    return verdict.isOk();
  }

  /** One layer's result, when that layer ran. */
  public Optional<LayerResult> layer(Layer layer) {
    return layers.stream().filter(l -> l.layer() == layer).findFirst();
  }

  /** The components as a record prints them, with user info and secret query parameters redacted. */
  @Override
  public String toString() {
    return io.netprobe.internal.RecordText.redacted(this);
  }
}
