package io.netprobe.exporter.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A parsed blackbox.yml: the modules by name, and the node tree it came from (for {@code /config}). Immutable and
 * thread-safe.
 *
 * @param modules the modules in file order
 * @param source the YAML text as read
 */
public record BlackboxConfig(Map<String, ModuleConfig> modules, String source) {
  public BlackboxConfig {
    modules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modules));
  }

  public Optional<ModuleConfig> module(String name) {
    return Optional.ofNullable(modules.get(name));
  }

  /** Reads and checks a blackbox.yml. */
  public static BlackboxConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("error reading config file: " + file + ": no such file", e);
    } catch (IOException e) {
      throw new ConfigException("error reading config file: " + file + ": " + e.getMessage(), e);
    }
    return parse(file.toString(), text);
  }

  /** Parses the text of a blackbox.yml; {@code file} names it in messages. */
  public static BlackboxConfig parse(String file, String text) throws ConfigException {
    Optional<Node> root = compose(file, text);
    Map<String, ModuleConfig> modules = new LinkedHashMap<>();
    if (root.isEmpty()) {
      throw new ConfigException(file + ":1: the file is empty (write at least \"modules: {}\")");
    }
    YamlBlock top = YamlBlock.of(file, "", root.get(), Set.of("modules"));
    Optional<YamlBlock> mods = top.block("modules", null);
    if (mods.isPresent()) {
      for (String name : mods.get().keys()) {
        YamlBlock m = mods.get().block(name, ModuleConfig.KEYS).orElseThrow(() -> mods.get().error(name,
            "a module must be a mapping with at least a prober"));
        modules.put(name, ModuleConfig.parse(m, name));
      }
    }
    return new BlackboxConfig(modules, text);
  }

  /** The YAML node tree of {@code text}, syntax errors with their line. */
  public static Optional<Node> compose(String file, String text) throws ConfigException {
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(true).build();
      return new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text))).getSingleNode();
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      throw new ConfigException(file + ":" + line + ": YAML syntax: " + e.getProblem(), e);
    } catch (YamlEngineException e) {
      throw new ConfigException(file + ": YAML: " + e.getMessage(), e);
    }
  }
}
