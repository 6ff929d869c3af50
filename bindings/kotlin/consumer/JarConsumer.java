// A consumer that has only the jar (plus kotlin-stdlib and JNA) on its class path: no
// jna.library.path, no LD_LIBRARY_PATH. JNA loads libcertcentral_uniffi.so from inside the jar.
// Written in Java to show the API from Java, too (signed numbers, plain classes).
//
//   java -cp certcentral-0.1.0.jar:kotlin-stdlib.jar:jna.jar bindings/kotlin/consumer/JarConsumer.java \
//        BASE_URL API_KEY ORDER_JSON_FILE
//
// cargo xtask test --only kotlin runs it against the sandbox.

import java.nio.file.Files;
import java.nio.file.Path;

import org.certcentral.ApiKey;
import org.certcentral.CertCentralClient;
import org.certcentral.CertCentralException;
import org.certcentral.Certcentral_uniffiKt;
import org.certcentral.ClientConfig;
import org.certcentral.OrderInfo;
import org.certcentral.OrderResponse;

public class JarConsumer {
    public static void main(String[] args) throws Exception {
        String baseUrl = args[0], key = args[1];
        String json = Files.readString(Path.of(args[2]));
        System.out.println("certcentral " + Certcentral_uniffiKt.libraryVersion());
        // Kotlin default arguments are not visible from Java: every field is given.
        ClientConfig config = new ClientConfig(new ApiKey(key), null, baseUrl, 20_000L, 0, true, null);
        try (CertCentralClient client = new CertCentralClient(config)) {
            OrderResponse submitted = client.submitOrderJson("ssl_securesite_pro", json);
            OrderInfo info = client.orderInfo(submitted.getId());
            System.out.println("order " + info.getId() + " is " + info.getStatus().wireValue());
            try {
                client.orderInfo(-1L);
                throw new AssertionError("expected a Config error");
            } catch (CertCentralException.Config e) {
                System.out.println("Config error: " + e.getMessage());
            }
        }
    }
}
