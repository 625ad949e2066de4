package cn.gov.baoshan.qualityaward.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Launches the Camunda 7 engine with REST API and webapps for the quality-award workflow. */
@SpringBootApplication
public class EngineApplication {
  public static void main(String[] args) {
    watchParent(System.getenv("ENGINE_PARENT_PID"));
    SpringApplication.run(EngineApplication.class, args);
  }

  /**
   * When `npm start` (or a test) launched the engine, it passes its pid: if that process dies
   * without stopping us (SIGKILL, crash), the engine shuts down instead of lingering.
   */
  private static void watchParent(String pid) {
    if (pid == null || pid.isBlank()) return;
    long parent = Long.parseLong(pid.trim());
    Thread watchdog =
        new Thread(
            () -> {
              while (true) {
                boolean alive = ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                  System.err.println("parent process " + parent + " is gone; stopping the engine");
                  System.exit(0);
                }
                try {
                  Thread.sleep(2000);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
