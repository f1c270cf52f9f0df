package dev.lectern.platform;

import dev.lectern.command.config.CommandSideConfiguration;
import dev.lectern.query.config.QuerySideConfiguration;
import dev.lectern.sagas.config.ArtifactSagasConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** One process with the command side, the query side and the sagas. See README for the two commands. */
@SpringBootApplication
@Import({CommandSideConfiguration.class, QuerySideConfiguration.class, ArtifactSagasConfiguration.class})
public class LecternApplication {

    public static void main(String[] args) {
        SpringApplication.run(LecternApplication.class, args);
    }
}
