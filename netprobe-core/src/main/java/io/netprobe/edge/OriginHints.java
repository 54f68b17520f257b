package io.netprobe.edge;

import io.netprobe.http.HttpHeaders;
import io.netprobe.http.OriginHint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Clues about the software behind the edge: framework session cookies (by name only — values are secrets),
 * {@code x-powered-by}, {@code server} and framework-specific headers. Stateless; thread-safe.
 */
final class OriginHints {
  /** Cookie name (lower case) → technology. */
  private static final Map<String, String> COOKIES = new LinkedHashMap<>();

  static {
    COOKIES.put("csrftoken", "Django");
    COOKIES.put("sessionid", "Django");
    COOKIES.put("laravel_session", "Laravel");
    COOKIES.put("xsrf-token", "Laravel / Angular");
    COOKIES.put("phpsessid", "PHP");
    COOKIES.put("jsessionid", "Java servlet container");
    COOKIES.put("asp.net_sessionid", "ASP.NET");
    COOKIES.put(".aspnetcore.session", "ASP.NET Core");
    COOKIES.put("connect.sid", "Express (Node.js)");
    COOKIES.put("_rails_session", "Ruby on Rails");
    COOKIES.put("ci_session", "CodeIgniter");
    COOKIES.put("wordpress_test_cookie", "WordPress");
  }

  /** Header (lower case) whose mere presence names a technology. */
  private static final Map<String, String> HEADERS = new java.util.TreeMap<>(Map.of(
      "x-aspnet-version", "ASP.NET",
      "x-aspnetmvc-version", "ASP.NET MVC",
      "x-drupal-cache", "Drupal",
      "x-runtime", "Ruby on Rails (Rack)",
      "x-nextjs-cache", "Next.js",
      "x-litespeed-cache", "LiteSpeed"));

  private static final List<String> SERVERS = List.of("nginx", "apache", "openresty", "caddy", "gunicorn",
      "uvicorn", "hypercorn", "daphne", "werkzeug", "jetty", "tomcat", "kestrel", "microsoft-iis", "litespeed",
      "lighttpd", "envoy", "traefik", "cowboy", "puma", "waitress", "tornado");

  private OriginHints() {}

  static List<OriginHint> detect(HttpHeaders headers) {
    List<OriginHint> out = new ArrayList<>();
    for (String cookie : headers.all("set-cookie")) {
      int eq = cookie.indexOf('=');
      String name = (eq < 0 ? cookie : cookie.substring(0, eq)).strip();
      String lowerName = name.toLowerCase(Locale.ROOT);
      String tech = COOKIES.get(lowerName);
      if (tech == null && lowerName.startsWith("wordpress_")) {
        tech = "WordPress";
      }
      if (tech != null) {
        add(out, tech, "set-cookie: " + name);
      }
    }
    for (String powered : headers.all("x-powered-by")) {
      add(out, powered.strip(), "x-powered-by: " + powered.strip());
    }
    headers.first("x-generator").ifPresent(g -> add(out, g.strip(), "x-generator: " + g.strip()));
    headers.first("server").ifPresent(server -> {
      String lower = server.toLowerCase(Locale.ROOT);
      for (String known : SERVERS) {
        if (lower.startsWith(known)) {
          add(out, server.strip(), "server: " + server.strip());
          break;
        }
      }
    });
    for (Map.Entry<String, String> e : HEADERS.entrySet()) {
      if (headers.contains(e.getKey())) {
        add(out, e.getValue(), e.getKey());
      }
    }
    return List.copyOf(out);
  }

  private static void add(List<OriginHint> out, String technology, String evidence) {
    if (out.stream().noneMatch(h -> h.technology().equals(technology) && h.evidence().equals(evidence))) {
      out.add(new OriginHint(technology, evidence));
    }
  }
}
