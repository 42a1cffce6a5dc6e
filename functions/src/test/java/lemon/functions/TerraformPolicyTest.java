package lemon.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Least privilege in the Terraform files: no IAM statement allows every action of a service, and a
 * statement on every resource ("*") must say why no narrower one exists (a comment saying it "takes no
 * narrower resource", as X-Ray's and ECR's login actions do). Deny statements may be broad.
 */
class TerraformPolicyTest {
    static final Pattern LIST = Pattern.compile("(actions|resources)\\s*=\\s*\\[([^]]*)]", Pattern.DOTALL);

    /** Each {@code statement { … }} block with the comment lines just above its actions. */
    static List<String> statements(String hcl) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while ((at = hcl.indexOf("statement {", at)) >= 0) {
            int depth = 0;
            int end = at;
            for (int i = hcl.indexOf('{', at); i < hcl.length(); i++) {
                if (hcl.charAt(i) == '{') depth++;
                if (hcl.charAt(i) == '}' && --depth == 0) {
                    end = i;
                    break;
                }
            }
            out.add(hcl.substring(at, end + 1));
            at = end;
        }
        return out;
    }

    static List<String> problems(String file, String hcl) {
        List<String> problems = new ArrayList<>();
        for (String statement : statements(hcl)) {
            if (statement.contains("\"Deny\"")) {
                continue;
            }
            Matcher m = LIST.matcher(statement);
            while (m.find()) {
                for (String item : m.group(2).split(",")) {
                    String v = item.strip().replace("\"", "");
                    if (m.group(1).equals("actions") && (v.equals("*") || v.endsWith(":*"))) {
                        problems.add(file + ": a statement allows every action: " + v);
                    }
                    if (m.group(1).equals("resources")
                            && v.equals("*")
                            && !statement.contains("takes no narrower resource")) {
                        problems.add(file + ": a statement on every resource without saying why: "
                                + statement.lines().limit(4).toList());
                    }
                }
            }
        }
        return problems;
    }

    @Test
    void noStatementIsBroaderThanItMustBe() throws IOException {
        List<String> problems = new ArrayList<>();
        Path terraform = WorkflowContract.terraformDir();
        try (Stream<Path> files = Files.list(terraform)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
                problems.addAll(problems(f.getFileName().toString(), Files.readString(f)));
            }
        }
        assertEquals(List.of(), problems);
    }

    /** {@code terraform fmt -check} where a terraform binary is on PATH (CI's machines have none; this one may). */
    @Test
    void theFilesAreFormattedAsTerraformFormatsThem() throws Exception {
        Process fmt;
        try {
            fmt = new ProcessBuilder("terraform", "fmt", "-check", "-recursive", "-list=true")
                    .directory(WorkflowContract.terraformDir().toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            System.out.println("terraform fmt -check skipped: no terraform on PATH");
            org.junit.jupiter.api.Assumptions.abort("no terraform on PATH");
            return;
        }
        String out = new String(fmt.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, fmt.waitFor(), "terraform fmt would change: " + out);
    }

    @Test
    void theCheckCatchesWhatItIsFor() {
        String broad = """
                data "aws_iam_policy_document" "x" {
                  statement {
                    actions   = ["s3:*"]
                    resources = ["*"]
                  }
                  statement {
                    # X-Ray takes no narrower resource
                    actions   = ["xray:PutTraceSegments"]
                    resources = ["*"]
                  }
                }
                """;
        List<String> found = problems("x.tf", broad);
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).contains("s3:*") && found.get(1).contains("without saying why"), found.toString());
    }
}
