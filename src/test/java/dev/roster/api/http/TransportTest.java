package dev.roster.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class TransportTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void plainHttpClientSpeaksCleartextOnlyAndHasNoTls() {
        OkHttpClient client = Transport.okHttp(URI.create("http://127.0.0.1:8080"), SECOND, SECOND, SECOND);

        assertThat(client.connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
        assertThatThrownBy(client::sslSocketFactory).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void httpsClientKeepsTls() {
        OkHttpClient client = Transport.okHttp(URI.create("https://api.example.invalid"), SECOND, SECOND, SECOND);

        assertThat(client.connectionSpecs()).contains(ConnectionSpec.MODERN_TLS);
        assertThat(client.sslSocketFactory()).isNotNull();
    }
}
