package dev.lectern.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/** The local profile mints tokens for anyone who can connect, so it listens on loopback only. */
class LocalProfileBindingIT extends PlatformIT {

    @Autowired
    Environment environment;

    @LocalServerPort
    int port;

    @Test
    void theLocalProfileListensOnLoopbackOnly() throws IOException {
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
        // Every other address of this machine (if it has one) refuses the connection.
        for (InetAddress address : nonLoopbackAddresses()) {
            assertThatThrownBy(() -> {
                        try (Socket other = new Socket()) {
                            other.connect(new InetSocketAddress(address, port), 2000);
                        }
                    })
                    .as("listening on " + address)
                    .isInstanceOf(IOException.class);
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .toList();
    }
}
