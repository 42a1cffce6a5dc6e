package lemon.functions;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import lemon.engine.EngineThreads;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sets the PyTorch engine's threads from lemon.engine.threads / lemon.engine.interop-threads
 * before anything can start the engine: first thing at startup, for the CLI (whose command runs
 * after startup) and the functions alike.
 */
@ApplicationScoped
public class EngineStartup {
    private static final System.Logger LOG = System.getLogger(EngineStartup.class.getName());

    void onStart(@Observes @Priority(1) StartupEvent event) {
        Config config = ConfigProvider.getConfig();
        EngineThreads.Settings settings;
        try {
            settings = EngineThreads.read(key -> config.getOptionalValue(key, String.class));
        } catch (IllegalArgumentException e) {
            // the one line that matters first; Quarkus then stops with its own trace
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            throw new ConfigurationException(e.getMessage(), e);
        }
        EngineThreads.apply(settings);
        LOG.log(System.Logger.Level.DEBUG, EngineThreads.describe(settings));
        EngineThreads.waitPolicyWarning(settings, System.getenv(EngineThreads.WAIT_POLICY_ENV))
                .ifPresent(w -> LOG.log(System.Logger.Level.WARNING, w));
        EngineThreads.teamWarning(settings, System.getenv(EngineThreads.TEAM_ENV))
                .ifPresent(w -> LOG.log(System.Logger.Level.WARNING, w));
        EngineThreads.isaWarning(System.getenv(EngineThreads.ONEDNN_ISA_ENV), EngineThreads::cpuHasAvx2)
                .ifPresent(w -> LOG.log(System.Logger.Level.WARNING, w));
    }
}
