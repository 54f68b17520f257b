package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.diagnose.Category;
import io.netprobe.diagnose.CheckStatus;
import io.netprobe.diagnose.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command's real {@code --json} output (from the fakes of {@link CliTest}, and TCP against loopback) validates
 * against the JSON Schema the jar ships for it, and stops validating when a required field is taken out: the schemas
 * are the documented contract, so they may neither drift from the output nor be so loose that they check nothing.
 */
class JsonSchemaTest {
  static final List<String> COMMANDS = Docs.SCHEMAS;
  static final ObjectMapper JSON = new ObjectMapper();
  static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  final CliTest cli = new CliTest();

  static Stream<Arguments> outputs() {
    String site = CliTest.SITE;
    String url = CliTest.URL;
    // command, arguments, a required field (JSON pointer) whose removal must fail validation
    return Stream.of(
        Arguments.of("ping", new String[] {"-c", "2", "-i", "0.2", "8.8.8.8"}, "/received"),
        Arguments.of("ping", new String[] {"-c", "1", "10.9.9.9"}, "/failure"),
        Arguments.of("ping", new String[] {"-c", "2", "8.8.8.8", "10.9.9.9"}, "/results/0/statistics"),
        Arguments.of("traceroute", new String[] {"8.8.8.8"}, "/hops/0/ttl"),
        Arguments.of("mtr", new String[] {"-c", "2", "-i", "0.01", "8.8.8.8"}, "/hops/0/sent"),
        Arguments.of("head", new String[] {url}, "/hops/0/status"),
        Arguments.of("head", new String[] {"-L", "https://google.com"}, "/hops/1/headers"),
        Arguments.of("head", new String[] {"https://refused.example/"}, "/failure/kind"),
        Arguments.of("dig", new String[] {site}, "/answers/0/data"),
        Arguments.of("dig", new String[] {"gone.example"}, "/header/rcode"),
        Arguments.of("dig", new String[] {"@192.0.2.1", "@192.0.2.2", site}, "/results/1/answers"),
        Arguments.of("dig", new String[] {"+trace", site}, "/steps/0/zone"),
        Arguments.of("dig", new String[] {"+validate", site}, "/secure"),
        Arguments.of("delv", new String[] {site}, "/response/query"),
        Arguments.of("ss", new String[] {"-tlnp"}, "/sockets/0/exposure"),
        Arguments.of("tcp", new String[] {"127.0.0.1", "3306"}, "/query/port"),
        Arguments.of("grpc", new String[] {"-addr", "127.0.0.1:50051"}, "/servingStatus"),
        Arguments.of("grpc", new String[] {"-addr", "127.0.0.1:50052", "-rpc-header", "x-tenant: blue"}, "/failure"),
        Arguments.of("diagnose", new String[] {url, "--dns-server", "127.0.0.1", "--timeout", "3"}, "/verdict/category"),
        Arguments.of("diagnose", new String[] {"https://gone.example/", "--dns-server", "127.0.0.1", "--timeout", "3"},
            "/layers/1/checks/0/status"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("outputs")
  void jsonOutputMatchesItsSchemaAndFailsWithoutARequiredField(String command, String[] args, String required) {
    JsonNode output = json(cli, command, args);
    assertThat(errors(command, output)).as("%s", output).isEmpty();

    JsonNode broken = output.deepCopy();
    remove(broken, required);
    assertThat(errors(command, broken)).as("%s without %s", command, required).isNotEmpty();
  }

  @Test
  void tcpAgainstARealLoopbackListenerSingleAndSweepMatchTheSchema() throws IOException {
    ProbeClient real = Probes.builder().build();
    try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String port = String.valueOf(open.getLocalPort());
      JsonNode one = runJson(real, "tcp", "127.0.0.1", port);
      assertThat(one.get("success").asBoolean()).isTrue();
      assertThat(errors("tcp", one)).isEmpty();
      JsonNode sweep = runJson(real, "tcp", "--no-progress", "127.0.0.1", port + ",1");
      assertThat(sweep.isArray()).isTrue();
      assertThat(errors("tcp", sweep)).isEmpty();
      ((ObjectNode) sweep.get(0)).remove("addresses");
      assertThat(errors("tcp", sweep)).isNotEmpty();
    }
  }

  @Test
  void demoPrintsWhatTheDiagnoseSchemaDescribes() {
    JsonNode demo = runJson(Probes.builder().build(), "demo");
    assertThat(errors("diagnose", demo)).as("%s", demo).isEmpty();
  }

  @Test
  void everySchemaCarriesItsVersionInItsIdAndEnumsMatchTheJavaEnums() {
    for (String command : COMMANDS) {
      JsonNode schema = read(command);
      assertThat(schema.get("$id").asText()).isEqualTo("urn:netprobe:json-schema:" + Netprobe.JSON_SCHEMA_VERSION
          + ":" + command);
      assertThat(schema.get("x-netprobe-schema-version").asInt()).isEqualTo(Netprobe.JSON_SCHEMA_VERSION);
      assertThat(enumAt(schema, "/$defs/failure/properties/kind/enum")).as(command)
          .containsExactlyInAnyOrderElementsOf(names(FailureKind.values()));
    }
    JsonNode diagnose = read("diagnose");
    assertThat(enumAt(diagnose, "/$defs/checkStatus/enum")).containsExactlyInAnyOrderElementsOf(
        names(CheckStatus.values()));
    assertThat(enumAt(diagnose, "/$defs/layer/enum")).containsExactlyInAnyOrderElementsOf(names(Layer.values()));
    assertThat(enumAt(diagnose, "/$defs/diagnosis/properties/verdict/properties/category/enum"))
        .containsExactlyInAnyOrderElementsOf(names(Category.values()));
  }

  @Test
  void versionOutputNamesTheJsonSchemaVersion() {
    assertThat(cli.run("--version").out()).contains("JSON schema version " + Netprobe.JSON_SCHEMA_VERSION);
  }

  private JsonNode json(CliTest cli, String command, String[] args) {
    if (command.equals("dig") && Arrays.asList(args).contains("@192.0.2.1")) {
      cli.dns.recordsAt("192.0.2.1", CliTest.SITE, io.netprobe.dns.RecordType.A, "198.51.100.1")
          .recordsAt("192.0.2.2", CliTest.SITE, io.netprobe.dns.RecordType.A, "198.51.100.2");
    }
    return runJson(cli.client, command, args);
  }

  private static JsonNode runJson(ProbeClient client, String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command, "--json"));
    all.addAll(List.of(args));
    CliTest.Run run = CliTest.run(client, all.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isIn(Netprobe.HEALTHY, Netprobe.PROBE_FAILED);
    return run.json();
  }

  static List<Error> errors(String command, JsonNode output) {
    try (InputStream in = schemaStream(command)) {
      Schema schema = REGISTRY.getSchema(in);
      return schema.validate(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream schemaStream(String command) {
    InputStream in = Netprobe.class.getResourceAsStream("schema/" + command + ".schema.json");
    assertThat(in).as("schema/%s.schema.json on the class path", command).isNotNull();
    return in;
  }

  private static JsonNode read(String command) {
    try (InputStream in = schemaStream(command)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void remove(JsonNode root, String pointer) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String field = pointer.substring(slash + 1);
    assertThat(parent.has(field)).as("%s is in the output", pointer).isTrue();
    ((ObjectNode) parent).remove(field);
  }

  private static List<String> enumAt(JsonNode schema, String pointer) {
    JsonNode values = schema.at(pointer);
    assertThat(values.isArray()).as(pointer).isTrue();
    return StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
