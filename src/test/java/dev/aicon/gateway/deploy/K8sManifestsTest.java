package dev.aicon.gateway.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
                .filter(env -> CREDENTIAL.matcher(env.getName()).find())
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

    /** Environment variables that carry a credential: each must come from a Secret. */
    private static final Pattern CREDENTIAL = Pattern.compile("(USERNAME|PASSWORD|TOKEN|SECRET)$");

    private static Deployment shared(List<HasMetadata> resources) {
        return deployments(resources).stream()
                .filter(d -> d.getMetadata().getName().equals("aicon-gateway"))
                .findFirst()
                .orElseThrow();
    }

    private static <T> List<T> ofKind(List<HasMetadata> resources, Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector.getMatchExpressions().isEmpty()
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    /**
     * The shared gateway's NetworkPolicy: it selects the gateway pods (and not the sidecar example, whose gateway
     * listens on localhost), denies by default both ways, admits the API port only from pods labelled
     * {@code aicon.dev/gateway-client=true} (in another namespace only if that namespace opted in) and the
     * management port only from the monitoring namespace, and lets out only DNS, PostgreSQL, Redis, HTTPS (GCS) and
     * the GKE metadata server.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "test", "prod"})
    void theNetworkPolicyAdmitsOnlyLabelledClientsAndTheMonitoringNamespace(String overlay) throws Exception {
        List<HasMetadata> resources = render(overlay);
        List<NetworkPolicy> policies = ofKind(resources, NetworkPolicy.class);
        assertEquals(1, policies.size(), "one NetworkPolicy");
        NetworkPolicySpec policy = policies.get(0).getSpec();
        Map<String, String> gatewayPods =
                shared(resources).getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(selects(policy.getPodSelector(), gatewayPods), "the policy selects the gateway pods");
        deployments(resources).stream()
                .filter(d -> !d.getMetadata().getName().equals("aicon-gateway"))
                .forEach(d -> assertFalse(selects(
                        policy.getPodSelector(),
                        d.getSpec().getTemplate().getMetadata().getLabels())));
        assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(policy.getPolicyTypes()));

        Container gateway = shared(resources)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        Set<String> namedPorts =
                gateway.getPorts().stream().map(ContainerPort::getName).collect(Collectors.toSet());
        assertEquals(Set.of("http", "management"), namedPorts);
        Map<String, String> client = Map.of("aicon.dev/gateway-client", "true");
        Map<String, String> monitoring = Map.of("kubernetes.io/metadata.name", "monitoring");
        Set<String> admitted = new java.util.HashSet<>();
        for (NetworkPolicyIngressRule rule : policy.getIngress()) {
            assertFalse(rule.getFrom().isEmpty(), "every ingress rule names its sources");
            assertFalse(rule.getPorts().isEmpty(), "every ingress rule names its ports");
            Set<String> ports =
                    rule.getPorts().stream().map(p -> p.getPort().getStrVal()).collect(Collectors.toSet());
            admitted.addAll(ports);
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                assertNull(peer.getIpBlock(), "no address range is admitted");
                if (peer.getPodSelector() != null) {
                    assertEquals(client, peer.getPodSelector().getMatchLabels(), "only labelled client pods");
                    assertEquals(Set.of("http"), ports, "clients reach the API port only");
                    if (peer.getNamespaceSelector() != null) {
                        assertFalse(
                                peer.getNamespaceSelector().getMatchLabels().isEmpty(),
                                "another namespace must opt in with a label, not any namespace");
                    }
                } else {
                    assertEquals(
                            monitoring,
                            peer.getNamespaceSelector().getMatchLabels(),
                            "a whole namespace is admitted only when it is the monitoring one");
                    assertEquals(Set.of("management"), ports, "monitoring reaches the management port only");
                }
            }
        }
        assertEquals(namedPorts, admitted);

        Set<Integer> egressPorts = new java.util.HashSet<>();
        for (NetworkPolicyEgressRule rule : policy.getEgress()) {
            assertFalse(rule.getPorts().isEmpty(), "every egress rule names its ports");
            rule.getPorts().forEach(p -> egressPorts.add(p.getPort().getIntVal()));
        }
        assertEquals(Set.of(53, 5432, 6379, 6378, 443, 80, 988), egressPorts);
        policy.getEgress().stream()
                .filter(rule ->
                        rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 80))
                .forEach(rule -> assertEquals(
                        "169.254.169.254/32", rule.getTo().get(0).getIpBlock().getCidr(), "port 80: metadata only"));
    }

    /** Prometheus scrapes the management port (annotations, Service port, ServiceMonitor), never the API port. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "test", "prod"})
    void metricsAreScrapedFromTheManagementPort(String overlay) throws Exception {
        List<HasMetadata> resources = render(overlay);
        Deployment shared = shared(resources);
        Container gateway =
                shared.getSpec().getTemplate().getSpec().getContainers().get(0);
        int management = gateway.getPorts().stream()
                .filter(p -> p.getName().equals("management"))
                .findFirst()
                .orElseThrow()
                .getContainerPort();
        Map<String, String> annotations =
                shared.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals(String.valueOf(management), annotations.get("prometheus.io/port"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertEquals(
                "0.0.0.0",
                gateway.getEnv().stream()
                        .filter(e -> e.getName().equals("QUARKUS_MANAGEMENT_HOST"))
                        .findFirst()
                        .orElseThrow()
                        .getValue(),
                "the management interface listens beyond the pod (the NetworkPolicy guards it)");
        Service service = ofKind(resources, Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals("aicon-gateway"))
                .findFirst()
                .orElseThrow();
        ServicePort port = service.getSpec().getPorts().stream()
                .filter(p -> p.getName().equals("management"))
                .findFirst()
                .orElseThrow();
        assertEquals("management", port.getTargetPort().getStrVal());

        HasMetadata monitor = Serialization.unmarshal(
                Files.readString(Path.of("k8s/components/service-monitor/service-monitor.yaml")));
        assertEquals("ServiceMonitor", monitor.getKind());
        Map<?, ?> spec = (Map<?, ?>)
                ((GenericKubernetesResource) monitor).getAdditionalProperties().get("spec");
        Map<?, ?> selector = (Map<?, ?>) ((Map<?, ?>) spec.get("selector")).get("matchLabels");
        assertTrue(service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
        Map<?, ?> endpoint = (Map<?, ?>) ((List<?>) spec.get("endpoints")).get(0);
        assertEquals("management", endpoint.get("port"));
        assertEquals("/q/metrics", endpoint.get("path"));
    }

    /**
     * Every credential comes from a Secret (none is rendered, so none is committed), and in prod both backends are
     * reached over TLS with the server's certificate and host name checked. The dev overlay's shared gateway listens
     * beyond loopback, so it keeps security on (the dev profile turns it off only on loopback) with the bootstrap
     * token from a Secret.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "test", "prod"})
    void everyCredentialComesFromASecretAndProdTalksTlsToItsBackends(String overlay) throws Exception {
        List<HasMetadata> resources = render(overlay);
        assertEquals(List.of(), ofKind(resources, Secret.class), "no Secret is rendered from the repository");
        Container gateway = shared(resources)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        Set<String> fromSecrets = new java.util.HashSet<>();
        for (EnvVar env : gateway.getEnv()) {
            if (CREDENTIAL.matcher(env.getName()).find()) {
                assertNull(env.getValue(), env.getName() + " has no literal value");
                assertNotNull(env.getValueFrom().getSecretKeyRef(), env.getName() + " comes from a Secret");
                fromSecrets.add(env.getName());
            } else if (env.getValue() != null) {
                assertFalse(env.getValue().matches(".*://[^/@]*:[^/@]*@.*"), env.getName() + " carries no password");
            }
        }
        if (overlay.equals("dev")) {
            assertEquals(Set.of("AICON_SECURITY_BOOTSTRAP_TOKEN"), fromSecrets);
            assertTrue(
                    gateway.getEnv().stream()
                            .anyMatch(e -> e.getName().equals("AICON_SECURITY_ENABLED") && "true".equals(e.getValue())),
                    "the dev profile off loopback keeps security on");
            return;
        }
        assertTrue(
                fromSecrets.containsAll(Set.of(
                        "QUARKUS_DATASOURCE_USERNAME",
                        "QUARKUS_DATASOURCE_PASSWORD",
                        "AICON_STORE_POSTGRES_MIGRATION_USERNAME",
                        "AICON_STORE_POSTGRES_MIGRATION_PASSWORD",
                        "QUARKUS_REDIS_PASSWORD",
                        "AICON_SECURITY_BOOTSTRAP_TOKEN")),
                "credentials from Secrets: " + fromSecrets);
        if (!overlay.equals("prod")) {
            return;
        }
        Map<String, String> env = new java.util.HashMap<>();
        for (EnvVar variable : gateway.getEnv()) {
            env.put(variable.getName(), valueOf(variable, resources));
        }
        assertTrue(env.get("QUARKUS_REDIS_HOSTS").startsWith("rediss://"), env.get("QUARKUS_REDIS_HOSTS"));
        assertEquals("true", env.get("QUARKUS_REDIS_TLS_ENABLED"));
        assertEquals("HTTPS", env.get("QUARKUS_REDIS_TLS_HOSTNAME_VERIFICATION_ALGORITHM"));
        assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL").contains("sslmode=verify-full"), env.toString());
        assertEquals("verify-full", env.get("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE"));
        assertEquals("HTTPS", env.get("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM"));
        PodSpec pod = shared(resources).getSpec().getTemplate().getSpec();
        Volume tls = pod.getVolumes().stream()
                .filter(v -> v.getName().equals("tls"))
                .findFirst()
                .orElseThrow();
        assertNotNull(tls.getSecret(), "the CA certificates come from a Secret");
        String mount = gateway.getVolumeMounts().stream()
                .filter(m -> m.getName().equals("tls"))
                .findFirst()
                .orElseThrow()
                .getMountPath();
        for (String file : List.of(
                env.get("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS"),
                env.get("QUARKUS_REDIS_TLS_TRUST_CERTIFICATE_PEM_CERTS"))) {
            assertTrue(file.startsWith(mount + "/"), file);
            assertTrue(
                    tls.getSecret().getItems().stream().anyMatch(item -> (mount + "/" + item.getPath()).equals(file)),
                    file + " is an item of the tls Secret");
        }
        assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL").contains("sslrootcert=" + mount + "/"), env.toString());
    }

    /** A variable's value: a literal, or the key of the rendered ConfigMap it refers to (null for a Secret). */
    private static String valueOf(EnvVar variable, List<HasMetadata> resources) {
        if (variable.getValueFrom() == null) {
            return variable.getValue();
        }
        if (variable.getValueFrom().getConfigMapKeyRef() == null) {
            return null;
        }
        String name = variable.getValueFrom().getConfigMapKeyRef().getName();
        return ofKind(resources, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getData()
                .get(variable.getValueFrom().getConfigMapKeyRef().getKey());
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
