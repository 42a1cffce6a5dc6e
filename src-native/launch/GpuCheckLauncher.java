import java.util.List;

/**
 * The command-line entry of the GPU check, kept out of the library (which has no main methods):
 * gpu-check.sh and gpu-bundle.sh compile this one file against src-native's classes and run it.
 */
public final class GpuCheckLauncher {
    public static void main(String[] args) {
        lemon.mini.tools.GpuCheck.run(List.of(args), System.out);
    }
}
