package lemon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Configuration only: nothing here starts the engine or times anything. */
class EngineThreadsTest {
    private static final EngineThreads.Settings ONE = new EngineThreads.Settings(OptionalInt.of(1), OptionalInt.of(1));

    private static EngineThreads.Settings read(Map<String, String> config) {
        return EngineThreads.read(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void unsetKeysTakeTheDefaultsOfOneThreadEach() {
        assertEquals(ONE, EngineThreads.Settings.DEFAULT);
        assertEquals(ONE, read(Map.of()));
        assertEquals(ONE, read(Map.of(EngineThreads.THREADS, " ")), "blank is unset");
    }

    @Test
    void readsNumbersAndPytorch() {
        EngineThreads.Settings s = read(Map.of(EngineThreads.THREADS, " 2 ", EngineThreads.INTEROP, "PyTorch"));
        assertEquals(OptionalInt.of(2), s.threads());
        assertEquals(OptionalInt.empty(), s.interop());
        assertEquals("intra-op 2, inter-op pytorch", s.toString());
    }

    @Test
    void badValuesAreRejectedNamingTheKeyAndTheValue() {
        for (String bad : new String[] {"0", "-1", "two", "1.5", "99999", "auto"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> read(Map.of(EngineThreads.INTEROP, bad)), bad);
            assertEquals(
                    "lemon.engine.interop-threads must be a number of threads from 1 to 1024 or 'pytorch' "
                            + "(libtorch's default, one per core), got '" + bad + "'",
                    e.getMessage());
        }
        assertEquals(
                "lemon.engine.threads must be a number of threads from 1 to 1024 or 'pytorch' "
                        + "(libtorch's default, one per core), got 'many'",
                assertThrows(IllegalArgumentException.class, () -> read(Map.of(EngineThreads.THREADS, "many")))
                        .getMessage());
    }

    @Test
    void applyGivesDjlItsPropertiesAndPytorchRemovesThem() {
        Properties p = new Properties();
        EngineThreads.apply(read(Map.of(EngineThreads.THREADS, "3")), p);
        assertEquals("3", p.getProperty("ai.djl.pytorch.num_threads"));
        assertEquals("1", p.getProperty("ai.djl.pytorch.num_interop_threads"));
        EngineThreads.apply(EngineThreads.Settings.PYTORCH_DEFAULT, p);
        assertFalse(p.containsKey("ai.djl.pytorch.num_threads"));
        assertFalse(p.containsKey("ai.djl.pytorch.num_interop_threads"));
    }

    @Test
    void systemConfigReadsSystemPropertiesAndNamesEnvironmentVariablesLikeMicroProfile() {
        assertEquals("LEMON_ENGINE_INTEROP_THREADS", EngineThreads.envName(EngineThreads.INTEROP));
        String before = System.getProperty(EngineThreads.THREADS);
        try {
            System.setProperty(EngineThreads.THREADS, "4");
            assertEquals(
                    OptionalInt.of(4),
                    EngineThreads.read(EngineThreads.systemConfig()).threads());
        } finally {
            if (before == null) System.clearProperty(EngineThreads.THREADS);
            else System.setProperty(EngineThreads.THREADS, before);
        }
    }

    @Test
    void moreThanOneThreadWithoutPassiveWaitingIsWarnedAbout() {
        EngineThreads.Settings two = read(Map.of(EngineThreads.THREADS, "2"));
        assertTrue(EngineThreads.waitPolicyWarning(ONE, null).isEmpty());
        assertTrue(EngineThreads.waitPolicyWarning(two, "passive").isEmpty());
        assertTrue(EngineThreads.waitPolicyWarning(two, null).orElseThrow().contains("OMP_WAIT_POLICY unset"));
        assertTrue(EngineThreads.waitPolicyWarning(EngineThreads.Settings.PYTORCH_DEFAULT, "ACTIVE")
                .orElseThrow()
                .startsWith("PyTorch runs one per core intra-op threads with OMP_WAIT_POLICY ACTIVE"));
    }

    @Test
    void anOpenMpTeamOtherThanTheIntraOpThreadsIsWarnedAbout() {
        assertTrue(EngineThreads.teamWarning(ONE, "1").isEmpty());
        assertTrue(EngineThreads.teamWarning(ONE, null).orElseThrow().startsWith("OMP_NUM_THREADS is unset but"));
        assertTrue(EngineThreads.teamWarning(read(Map.of(EngineThreads.THREADS, "2")), "1")
                .orElseThrow()
                .contains("export OMP_NUM_THREADS=2"));
        // libtorch's own choice is one per core on every thread: nothing to match
        assertTrue(EngineThreads.teamWarning(EngineThreads.Settings.PYTORCH_DEFAULT, null)
                .isEmpty());
    }

    @Test
    void anAvx2CpuWithoutAnIsaCapIsWarnedAbout() {
        String zen5 = "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 avx512f avx512bw\n";
        String older = "processor\t: 0\nflags\t\t: fpu sse2 sse4_1 avx\n";
        assertTrue(EngineThreads.cpuFlagsHaveAvx2(zen5));
        assertFalse(EngineThreads.cpuFlagsHaveAvx2(older));
        assertFalse(EngineThreads.cpuFlagsHaveAvx2("model name\t: avx2 in a name is not a flag\n"));
        assertTrue(EngineThreads.isaWarning(null, () -> true).orElseThrow().contains("ONEDNN_MAX_CPU_ISA=AVX "));
        assertTrue(EngineThreads.isaWarning("AVX", () -> {
                    throw new AssertionError("the CPU is not asked about when the cap is set");
                })
                .isEmpty());
        assertTrue(EngineThreads.isaWarning(null, () -> false).isEmpty());
    }

    @Test
    void benchmarkSetupsParseAndRejectNonsense() {
        ThreadsBenchmark.Setup s = ThreadsBenchmark.Setup.parse("2:Active");
        assertEquals(OptionalInt.of(2), s.settings().threads());
        assertEquals("ACTIVE", s.waitPolicy());
        assertEquals("2:active", s.spec());
        ThreadsBenchmark.Setup p = ThreadsBenchmark.Setup.parse("pytorch");
        assertEquals(EngineThreads.Settings.PYTORCH_DEFAULT, p.settings());
        assertNull(p.waitPolicy());
        assertEquals(
                ThreadsBenchmark.Setup.DEFAULT, ThreadsBenchmark.Setup.parse(ThreadsBenchmark.Setup.DEFAULT.spec()));
        for (String bad : new String[] {"", "x", "0", "1:lazy", "1:passive:x", ":passive"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ThreadsBenchmark.Setup.parse(bad), bad);
            assertTrue(e.getMessage().contains("got '" + bad + "'"), e.getMessage());
        }
    }
}
