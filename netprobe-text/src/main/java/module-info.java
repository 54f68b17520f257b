/**
 * What the classic tools print, for every netprobe result: {@code dig}, {@code curl -I}, {@code ping},
 * {@code fping}, {@code traceroute -n}, {@code ss -tulnp}, {@code nc -zv}, and the one-line summaries the diagnosis
 * report and the exporter's debug page show per probe. {@link io.netprobe.text.ClassicText} is the entry point.
 */
module io.netprobe.text {
  requires transitive io.netprobe.core;

  exports io.netprobe.text;
}
