package dev.aicon.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.aicon.gateway.store.AIconStore;
import dev.aicon.gateway.store.GuardedStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's layering, checked on its main classes (see docs/adr/0005-layers-and-the-guarded-store.md):
 * {@code api}/{@code health} → {@code security} → {@code service}/{@code controlplane} → {@code events}/{@code journal}/{@code blob}/{@code cache} →
 * {@code store} → {@code resilience} → {@code config} → {@code domain}, a layer reaching any layer below it; nothing
 * reaches {@code api} or {@code health}; {@code work} is open to all and depends on none, so neither does
 * {@code domain} but on {@code work}; {@code failure} (the kinds of failure and their answers) sits below {@code
 * config}
 * and is open to every layer above {@code domain}. Then who may hold the guarded store and the raw store contract,
 * which packages
 * may reach a store backend, and no cycles between the top-level packages.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.aicon.gateway";

    /** Every layer but {@code domain} and {@code work}: those that may use {@code domain} and {@code failure}. */
    private static final String[] ABOVE_DOMAIN = {
        "api",
        "health",
        "security",
        "service",
        "controlplane",
        "events",
        "journal",
        "blob",
        "cache",
        "store",
        "resilience",
        "config"
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void packagesDependOnlyDownwards() {
        ArchRule layers = layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("api")
                .definedBy(ROOT + ".api..")
                .layer("health")
                .definedBy(ROOT + ".health..")
                .layer("security")
                .definedBy(ROOT + ".security..")
                .layer("service")
                .definedBy(ROOT + ".service..")
                .layer("controlplane")
                .definedBy(ROOT + ".controlplane..")
                .layer("events")
                .definedBy(ROOT + ".events..")
                .layer("journal")
                .definedBy(ROOT + ".journal..")
                .layer("blob")
                .definedBy(ROOT + ".blob..")
                .layer("cache")
                .definedBy(ROOT + ".cache..")
                .layer("store")
                .definedBy(ROOT + ".store..")
                .layer("resilience")
                .definedBy(ROOT + ".resilience..")
                .layer("config")
                .definedBy(ROOT + ".config..")
                .layer("domain")
                .definedBy(ROOT + ".domain..")
                .layer("failure")
                .definedBy(ROOT + ".failure..")
                .layer("work")
                .definedBy(ROOT + ".work..")
                .whereLayer("api")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("health")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("security")
                .mayOnlyBeAccessedByLayers("api")
                .whereLayer("service")
                .mayOnlyBeAccessedByLayers("api", "health", "security")
                .whereLayer("controlplane")
                .mayOnlyBeAccessedByLayers("api", "health", "security")
                .whereLayer("events")
                .mayOnlyBeAccessedByLayers("api", "health", "security", "service", "controlplane")
                .whereLayer("journal")
                .mayOnlyBeAccessedByLayers("api", "health", "security", "service", "controlplane")
                .whereLayer("blob")
                .mayOnlyBeAccessedByLayers("api", "health", "security", "service", "controlplane")
                .whereLayer("cache")
                .mayOnlyBeAccessedByLayers("api", "health", "security", "service", "controlplane")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers(
                        "api", "health", "security", "service", "controlplane", "events", "journal", "blob")
                .whereLayer("resilience")
                .mayOnlyBeAccessedByLayers(
                        "api",
                        "health",
                        "security",
                        "service",
                        "controlplane",
                        "events",
                        "journal",
                        "blob",
                        "cache",
                        "store")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers(
                        "api",
                        "health",
                        "security",
                        "service",
                        "controlplane",
                        "events",
                        "journal",
                        "blob",
                        "cache",
                        "store",
                        "resilience")
                .whereLayer("domain")
                .mayOnlyBeAccessedByLayers(ABOVE_DOMAIN)
                .whereLayer("failure")
                .mayOnlyBeAccessedByLayers(ABOVE_DOMAIN);
        layers.check(classes);
    }

    @Test
    void onlyServicesAndHealthHoldTheGuardedStore() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".service..", ROOT + ".health..", ROOT + ".store")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(GuardedStore.class)
                .because("the store is used through the service layer, under its breaker (ADR 0005)")
                .check(classes);
    }

    /** Its value types (such as {@code AIconStore.EventRange}) are shared; the contract itself is not. */
    @Test
    void onlyTheStorePackagesSeeTheRawStoreContract() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".store..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(AIconStore.class.getName())
                .because("a backend is reached only through GuardedStore (ADR 0005)")
                .check(classes);
    }

    @Test
    void storeBackendsAreReachedOnlyThroughTheStoreContract() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".store.file..", ROOT + ".store.memory..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".store..", ROOT + ".blob..", ROOT + ".health..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".store.postgres..")
                .because("only the schema gate (SchemaMigrations) of PostgreSQL is shared, with brains and readiness")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".store.memory..", ROOT + ".store.postgres..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".store.file..")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".store.memory..", ROOT + ".store.file..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".store.postgres..")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".store.postgres..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".store.memory..")
                .check(classes);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
