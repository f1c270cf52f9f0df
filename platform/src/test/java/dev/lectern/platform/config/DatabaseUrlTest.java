package dev.lectern.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void acceptsTheSeedsUrlWithCredentialsAndOptions() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://lectern:p%40ss@db.internal:6543/classes?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/classes?sslmode=require");
        assertThat(url.r2dbcUrl()).isEqualTo("r2dbc:postgresql://db.internal:6543/classes?sslmode=require");
        assertThat(url.username()).isEqualTo("lectern");
        assertThat(url.password()).isEqualTo("p@ss");
        assertThat(url.describe()).doesNotContain("p@ss");
    }

    @Test
    void acceptsJdbcAndPostgresqlSchemesAndDefaults() {
        DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1/lectern");
        assertThat(jdbc.port()).isEqualTo(5432);
        assertThat(jdbc.username()).isNull();
        assertThat(DatabaseUrl.parse("postgresql://postgres@127.0.0.1:5432").database())
                .isEqualTo("postgres");
    }

    @Test
    void refusesOtherDatabases() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://localhost/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
