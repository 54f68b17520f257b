package io.netprobe.spring.autoconfigure;

import io.netprobe.diagnose.Check;
import io.netprobe.diagnose.DiagnosisRequest;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.LayerResult;
import io.netprobe.health.CheckState;
import io.netprobe.health.HealthMonitor;
import io.netprobe.health.HealthResult;
import io.netprobe.health.HealthSnapshot;
import io.netprobe.health.config.HostPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The Actuator endpoint {@code netprobe}:
 *
 * <ul>
 *   <li>{@code GET /actuator/netprobe}: every configured check with its probe, target, interval and last result
 *       (from the background monitor, at once);
 *   <li>{@code GET /actuator/netprobe/{check}}: one check;
 *   <li>{@code POST /actuator/netprobe/{check}}: probes the check now ({@code "now"}) and, for an http check,
 *       diagnoses its URL with netprobe's outage checklist (network, DNS, HTTP, ports). The checklist starts from a
 *       URL, so for dns, tcp, ping and sockets checks {@code "diagnosis"} says why none was run.
 * </ul>
 *
 * <p>Both name a configured check: any other name answers 404 (GET and POST alike), and the endpoint never probes a
 * target given in the request. A web endpoint only, since its answers are HTTP statuses.
 *
 * <p>Thread-safe.
 */
@WebEndpoint(id = "netprobe")
public class NetprobeEndpoint {
  private final NetprobeChecks checks;
  private final HealthMonitor monitor;
  private final NetprobeProperties.Diagnosis diagnosis;

  public NetprobeEndpoint(NetprobeChecks checks, HealthMonitor monitor, NetprobeProperties.Diagnosis diagnosis) {
    this.checks = checks;
    this.monitor = monitor;
    this.diagnosis = diagnosis;
  }

  @ReadOperation
  public Map<String, Object> checks() {
    HealthSnapshot now = monitor.snapshot();
    Map<String, Object> byName = new LinkedHashMap<>();
    for (String name : checks.all().keySet()) {
      byName.put(name, describe(name));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", now.status().name());
    body.put("checks", byName);
    return body;
  }

  /** One check, or 404 for a name that is not configured. */
  @ReadOperation
  public WebEndpointResponse<Map<String, Object>> check(@Selector String name) {
    return checks.get(name).isPresent() ? new WebEndpointResponse<>(describe(name)) : notFound();
  }

  /** Probes a configured check now and, for http checks, diagnoses its URL; 404 for an unknown name. */
  @WriteOperation
  public WebEndpointResponse<Map<String, Object>> diagnose(@Selector String name) {
    NetprobeChecks.Configured c = checks.get(name).orElse(null);
    return c == null ? notFound() : new WebEndpointResponse<>(diagnose(name, c));
  }

  /** 404 with the configured names; the unknown name itself is not echoed (it is request input). */
  private WebEndpointResponse<Map<String, Object>> notFound() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "no configured check has this name");
    body.put("checks", List.copyOf(checks.all().keySet()));
    return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_NOT_FOUND);
  }

  private Map<String, Object> diagnose(String name, NetprobeChecks.Configured c) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("check", name);
    body.put("probe", c.probe());
    c.target().ifPresent(t -> body.put("target", redacted(t)));
    HealthResult now = c.check().run();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", now.status().name());
    result.put("reason", now.reason());
    // under their own key: an http check's details have a "status" (the HTTP one) of their own
    result.put("details", now.details());
    body.put("now", result);
    if (c.probe().equals("http") && c.target().isPresent()) {
      body.put("diagnosis", diagnosis(runDiagnosis(c.target().get())));
    } else {
      body.put("diagnosis", notDiagnosed(c.probe()));
    }
    return body;
  }

  private DiagnosisResult runDiagnosis(String url) {
    DiagnosisRequest request = DiagnosisRequest.create(checks.runner(), url).timeout(diagnosis.getTimeout());
    if (!diagnosis.getNetworkTargets().isEmpty()) {
      request = request.networkTargets(diagnosis.getNetworkTargets().toArray(String[]::new));
    }
    String server = diagnosis.getDnsServer();
    if (server != null && !server.isBlank()) {
      HostPort hp = HostPort.parse("netprobe.diagnosis.dns-server", server);
      request = request.dnsServer(hp.host().ascii(), hp.portOr(53));
    }
    return request.run();
  }

  /** Why a non-http check gets no checklist: it starts from a URL, and these targets name none. */
  private static Map<String, Object> notDiagnosed(String probe) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", false);
    m.put("reason", "the outage checklist diagnoses an http(s) URL; a " + probe
        + " check's target is not one, so only the check's own probe was run again (see \"now\")");
    return m;
  }

  private static Map<String, Object> diagnosis(DiagnosisResult d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", true);
    m.put("healthy", d.isHealthy());
    m.put("category", d.verdict().category().name());
    m.put("finding", d.verdict().finding().name());
    d.verdict().layer().ifPresent(l -> m.put("layer", l.name()));
    m.put("explanation", d.verdict().explanation());
    m.put("nextStep", d.verdict().nextStep());
    List<Map<String, Object>> layers = new ArrayList<>();
    for (LayerResult l : d.layers()) {
      Map<String, Object> layer = new LinkedHashMap<>();
      layer.put("layer", l.layer().name());
      layer.put("status", l.status().name());
      List<String> lines = new ArrayList<>();
      for (Check check : l.checks()) {
        lines.add(check.title() + ": " + check.status().name() + " - " + check.summary());
      }
      layer.put("checks", lines);
      layers.add(layer);
    }
    m.put("layers", layers);
    m.put("elapsedMs", d.elapsed().toMillis());
    d.failure().ifPresent(f -> m.put("failure", f.kind().name() + ": " + f.message()));
    return m;
  }

  /** A target as shown: a URL's query (which may hold a token) replaced. */
  private static String redacted(String target) {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q) + "?<redacted>";
  }

  private Map<String, Object> describe(String name) {
    NetprobeChecks.Configured c = checks.get(name).orElseThrow();
    CheckState state = monitor.state(name).orElseThrow();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("probe", c.probe());
    c.target().ifPresent(t -> m.put("target", redacted(t)));
    m.put("intervalMs", c.check().interval().toMillis());
    m.put("timeoutMs", c.check().timeout().toMillis());
    m.put("status", state.status().name());
    m.put("details", state.details());
    return m;
  }
}
