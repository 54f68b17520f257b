package io.netprobe.edge;

import io.netprobe.http.EdgeProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The CNAME target domains CDNs hand out ({@code edge-cname-suffixes.txt}): {@code shop.example.global.prod.fastly.net}
 * belongs to Fastly. Immutable; thread-safe.
 */
final class CnameSuffixes {
  static final String RESOURCE = "edge-cname-suffixes.txt";

  private final Map<String, EdgeProvider> suffixes;
  private final List<SectionFile.Section> sections;

  private CnameSuffixes(Map<String, EdgeProvider> suffixes, List<SectionFile.Section> sections) {
    this.suffixes = suffixes;
    this.sections = sections;
  }

  static CnameSuffixes shipped() {
    return of(SectionFile.load(RESOURCE));
  }

  static CnameSuffixes parse(String source, BufferedReader reader) throws IOException {
    return of(SectionFile.read(source, reader));
  }

  private static CnameSuffixes of(List<SectionFile.Section> sections) {
    Map<String, EdgeProvider> suffixes = new LinkedHashMap<>();
    Map<String, String> where = new LinkedHashMap<>();
    for (SectionFile.Section s : sections) {
      for (SectionFile.Entry e : s.entries()) {
        String domain = e.text();
        if (!domain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
          throw new IllegalStateException(e.where() + domain + " is not a lower-case domain name of two labels or "
              + "more");
        }
        for (String other : suffixes.keySet()) {
          if (covers(other, domain) || covers(domain, other)) {
            throw new IllegalStateException(e.where() + domain + " and " + other + " (" + where.get(other)
                + ") overlap; no domain may be a suffix of another");
          }
        }
        suffixes.put(domain, s.provider());
        where.put(domain, e.where().strip());
      }
    }
    return new CnameSuffixes(Map.copyOf(suffixes), List.copyOf(sections));
  }

  private static boolean covers(String suffix, String name) {
    return name.equals(suffix) || name.endsWith("." + suffix);
  }

  Optional<EdgeProvider> providerOf(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    for (Map.Entry<String, EdgeProvider> e : suffixes.entrySet()) {
      if (covers(e.getKey(), n)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  List<SectionFile.Section> sections() {
    return sections;
  }

  int size() {
    return suffixes.size();
  }
}
