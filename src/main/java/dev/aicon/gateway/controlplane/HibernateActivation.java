package dev.aicon.gateway.controlplane;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Activates the Hibernate Reactive persistence unit (the control plane's entities) only when
 * {@code aicon.store.backend=postgres}. Quarkus deactivates a unit by itself only when it has no entity; this one has
 * entities, so with the file or memory store (no datasource URL, the datasource inactive) it would still start and
 * fail. The value sits at a low ordinal: an explicit {@code quarkus.hibernate-orm.active} wins.
 */
public class HibernateActivation implements ConfigSourceFactory {

    static final String ACTIVE = "quarkus.hibernate-orm.active";
    private static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue backend = context.getValue("aicon.store.backend");
        boolean postgres = backend != null && "postgres".equals(backend.getValue());
        return List.of(new PropertiesConfigSource(
                Map.of(ACTIVE, String.valueOf(postgres)), "aicon control plane: hibernate activation", ORDINAL));
    }
}
