package dev.aqueduct.cli;

import dev.aqueduct.config.GatewayConfig;
import dev.aqueduct.server.Daemon;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the gateway until the process is told to stop (SIGTERM or Ctrl-C), then stops it gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway daemon.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        GatewayConfig loaded = config.load();
        Daemon daemon = Daemon.start(loaded);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            stopped.countDown();
        }, "graceful-stop"));
        stopped.await();
        return 0;
    }
}
