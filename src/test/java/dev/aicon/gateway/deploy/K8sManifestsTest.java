package dev.aicon.gateway.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders each overlay with plain {@code kubectl kustomize} (no flags: kustomize's default load restrictor, as
 * {@code kubectl apply -k}, Argo CD and Flux use it, so an overlay reading a file outside its directory fails) and
 * parses every manifest strictly with fabric8's typed model: a field the model does not know fails the test (fabric8
 * alone would keep it silently).
 */
class K8sManifestsTest {

    private static final Map<String, String> HEALTH =
            Map.of("startup", "/q/health/started", "liveness", "/q/health/live", "readiness", "/q/health/ready");

    static List<HasMetadata> render(String overlay) throws Exception {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/" + overlay)
                .redirectErrorStream(true)
                .start();
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, kubectl.exitValue(), yaml);
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                resources.add(strictlyParsed(document));
            }
        }
        return resources;
    }

    static HasMetadata strictlyParsed(String document) throws Exception {
        HasMetadata resource = Serialization.unmarshal(document);
        assertStrict(resource, resource.getKind() + "/" + resource.getMetadata().getName(), new IdentityHashMap<>());
        return resource;
    }

    /** Walks the typed model and fails on any field it did not know (kept in additionalProperties). */
    private static void assertStrict(Object node, String path, Map<Object, Boolean> seen) throws Exception {
        if (node == null
                || seen.put(node, true) != null
                || !node.getClass().getName().startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = getter.invoke(node);
            if (getter.getName().equals("getAdditionalProperties")) {
                assertTrue(
                        value == null || ((Map<?, ?>) value).isEmpty(), "unknown field(s) at " + path + ": " + value);
            } else if (value instanceof Collection<?> items) {
                for (Object item : items) {
                    assertStrict(item, path + "." + getter.getName().substring(3), seen);
                }
            } else if (value instanceof Map<?, ?> entries) {
                for (Object item : entries.values()) {
                    assertStrict(item, path + "." + getter.getName().substring(3), seen);
                }
            } else {
                assertStrict(value, path + "." + getter.getName().substring(3), seen);
            }
        }
    }

    private static List<Deployment> deployments(List<HasMetadata> resources) {
        return resources.stream()
                .filter(Deployment.class::isInstance)
                .map(Deployment.class::cast)
                .toList();
    }

    private static String probePath(Probe probe) {
        if (probe.getHttpGet() != null) {
            return probe.getHttpGet().getPath();
        }
        String url =
                probe.getExec().getCommand().get(probe.getExec().getCommand().size() - 1);
        return url.substring(url.indexOf("/q/"));
    }

    @Test
    void aMisspeltFieldFailsTheParse() {
        String misspelt = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: gateway
                          readinessProb: {httpGet: {path: /q/health/ready, port: 8080}}
                """;
        AssertionError failure =
                org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> strictlyParsed(misspelt));
        assertTrue(failure.getMessage().contains("readinessProb"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "test", "prod"})
    void everyGatewayIsProbedOnItsRealHealthPathsAndRunsAsNonRoot(String overlay) throws Exception {
        List<Deployment> deployments = deployments(render(overlay));
        assertEquals(2, deployments.size(), "the shared service and the sidecar example");
        for (Deployment deployment : deployments) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertTrue(
                    pod.getSecurityContext().getRunAsNonRoot(),
                    deployment.getMetadata().getName());
            assertTrue(pod.getSecurityContext().getRunAsUser() > 0);
            for (Container container : pod.getContainers()) {
                assertFalse(container.getSecurityContext().getAllowPrivilegeEscalation());
                assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem(), container.getName());
                assertNotNull(container.getResources().getRequests().get("memory"), container.getName());
                assertNotNull(container.getResources().getLimits().get("memory"), container.getName());
            }
            Container gateway = pod.getContainers().stream()
                    .filter(c -> c.getName().equals("gateway"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(HEALTH.get("startup"), probePath(gateway.getStartupProbe()));
            assertEquals(HEALTH.get("liveness"), probePath(gateway.getLivenessProbe()));
            assertEquals(HEALTH.get("readiness"), probePath(gateway.getReadinessProbe()));
            assertNotNull(gateway.getLifecycle().getPreStop(), "preStop lets endpoints drain");
            assertTrue(pod.getTerminationGracePeriodSeconds() >= 25);
            assertTrue(
                    gateway.getVolumeMounts().stream()
                            .anyMatch(m -> m.getMountPath().equals("/data")),
                    "a writable volume for the file store and journal");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "test", "prod"})
    void theGatewayGetsItsEnvironmentsConfigAndEveryVariableItReads(String overlay) throws Exception {
        List<HasMetadata> resources = render(overlay);
        Deployment shared = deployments(resources).stream()
                .filter(d -> d.getMetadata().getName().equals("aicon-gateway"))
                .findFirst()
                .orElseThrow();
        Container gateway =
                shared.getSpec().getTemplate().getSpec().getContainers().get(0);
        Set<String> provided = gateway.getEnv().stream().map(EnvVar::getName).collect(Collectors.toSet());
        Set<String> needed = overlay.equals("dev")
                ? Set.of("QUARKUS_PROFILE", "QUARKUS_HTTP_HOST")
                : Files.readAllLines(Path.of("config/gateway.env.example")).stream()
                        .filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .map(line -> line.substring(0, line.indexOf('=')))
                        .collect(Collectors.toSet());
        assertTrue(
                provided.containsAll(needed),
                "missing " + needed.stream().filter(n -> !provided.contains(n)).toList());
        gateway.getEnv().stream()
                .filter(env ->
                        env.getName().endsWith("PASSWORD") || env.getName().endsWith("USERNAME"))
                .forEach(env -> assertNotNull(
                        env.getValueFrom().getSecretKeyRef(), env.getName() + " comes from a Secret, never a literal"));
        ConfigMap config = resources.stream()
                .filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().startsWith("aicon-gateway-config"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                Files.readString(Path.of("k8s/overlays/" + overlay + "/gateway.properties")),
                config.getData().get("application.properties"));
        String configVolume = shared.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("config"))
                .findFirst()
                .orElseThrow()
                .getConfigMap()
                .getName();
        assertEquals(config.getMetadata().getName(), configVolume);
    }

    private static final List<String> DISK_CAPS =
            List.of("aicon.journal.max-bytes", "aicon.blob.spool-max-bytes", "aicon.blob.local-max-bytes");
    private static final BigDecimal UNCAPPED_ROOM = BigDecimal.valueOf(1L << 30);

    /**
     * The kubelet evicts a pod whose emptyDir passes its sizeLimit: every emptyDir has one, and the gateway's own
     * disk caps (set explicitly, in the overlay's properties or the sidecar's environment) plus 1Gi for what no cap
     * counts fit under the data volume, so the gateway answers 503 journal-full or 507 before the kubelet acts.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "test", "prod"})
    void theDataVolumeHoldsEveryDiskCapWithRoomToSpare(String overlay) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(Path.of("k8s/overlays/" + overlay + "/gateway.properties"))));
        for (Deployment deployment : deployments(render(overlay))) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String name = deployment.getMetadata().getName();
            for (Volume volume : pod.getVolumes()) {
                if (volume.getEmptyDir() != null) {
                    assertNotNull(volume.getEmptyDir().getSizeLimit(), name + " emptyDir " + volume.getName());
                }
            }
            Container gateway = pod.getContainers().stream()
                    .filter(c -> c.getName().equals("gateway"))
                    .findFirst()
                    .orElseThrow();
            BigDecimal caps = UNCAPPED_ROOM;
            for (String key : DISK_CAPS) {
                String env = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
                String value = gateway.getEnv().stream()
                        .filter(e -> e.getName().equals(env))
                        .map(e -> e.getValue())
                        .findFirst()
                        .orElse(properties.getProperty(key));
                assertNotNull(value, name + " sets " + key + " explicitly");
                caps = caps.add(
                        new BigDecimal(new MemorySizeConverter().convert(value).asBigInteger()));
            }
            Volume data = pod.getVolumes().stream()
                    .filter(v -> v.getName().equals("data"))
                    .findFirst()
                    .orElseThrow();
            Quantity room = data.getEmptyDir() != null
                    ? data.getEmptyDir().getSizeLimit()
                    : claimed(render(overlay), data.getPersistentVolumeClaim().getClaimName());
            assertTrue(
                    Quantity.getAmountInBytes(room).compareTo(caps) >= 0,
                    name + ": data volume " + room + " < caps + 1Gi (" + caps + " bytes)");
            BigDecimal emptyDirs = pod.getVolumes().stream()
                    .filter(v -> v.getEmptyDir() != null)
                    .map(v -> Quantity.getAmountInBytes(v.getEmptyDir().getSizeLimit()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            Quantity limit = gateway.getResources().getLimits().get("ephemeral-storage");
            if (limit != null) {
                assertTrue(
                        Quantity.getAmountInBytes(limit).compareTo(emptyDirs) >= 0,
                        name + ": ephemeral-storage limit below its emptyDirs' sizeLimits");
            }
        }
    }

    private static Quantity claimed(List<HasMetadata> resources, String claim) {
        return resources.stream()
                .filter(PersistentVolumeClaim.class::isInstance)
                .map(PersistentVolumeClaim.class::cast)
                .filter(c -> c.getMetadata().getName().equals(claim))
                .findFirst()
                .orElseThrow()
                .getSpec()
                .getResources()
                .getRequests()
                .get("storage");
    }
}
