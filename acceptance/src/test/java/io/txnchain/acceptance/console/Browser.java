package io.txnchain.acceptance.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium session with its own profile (so its own local storage and development
 * key), driven through Debian's chromedriver at an explicit path so that Selenium Manager never
 * downloads anything. Paths come from {@code CHROMIUM_BIN} and {@code CHROMEDRIVER_BIN}, else the
 * Debian locations.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(env("CHROMIUM_BIN", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(env("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
  static final Path SHOTS = Path.of("target", "console-screenshots");

  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private Browser(ChromeDriverService service, ChromeDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /** True when chromium and chromedriver are installed. */
  static boolean installed() {
    return missing().isEmpty();
  }

  /** Why the browser tests cannot run here, or empty when chromium and chromedriver exist. */
  static Optional<String> missing() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      return Optional.of(
          "Pixie Console browser tests skipped: chromium ("
              + CHROMIUM
              + ") or chromedriver ("
              + DRIVER
              + ") is not installed (apt-get install chromium chromium-driver)");
    }
    return Optional.empty();
  }

  static Browser open(Path profile) throws IOException {
    Files.createDirectories(profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,800",
        "--user-data-dir=" + profile.toAbsolutePath());
    try {
      return new Browser(service, new ChromeDriver(service, options));
    } catch (RuntimeException e) {
      service.stop();
      throw e;
    }
  }

  /** Runs {@code js} in every page this session opens, before the page's own scripts. */
  void beforeEveryPage(String js) {
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", js));
  }

  WebDriver driver() {
    return driver;
  }

  void get(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /**
   * Clicks the element matching {@code css}, finding it again if a re-render replaced it between
   * finding and clicking (live tables are rebuilt on a timer).
   */
  void click(String css) {
    for (int attempt = 0; ; attempt++) {
      try {
        find(css).click();
        return;
      } catch (StaleElementReferenceException e) {
        if (attempt == 4) {
          throw e;
        }
      }
    }
  }

  /** Waits up to {@code seconds} for an element matching {@code css}; returns it. */
  WebElement await(String css, int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds))
        .until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
  }

  /** Waits until the text of the element matching {@code css} contains {@code text}. */
  WebElement awaitText(String css, String text, int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds))
        .withMessage(() -> css + " never contained " + text + "; last: " + textOf(css))
        .until(
            (ExpectedCondition<WebElement>)
                d -> {
                  for (WebElement e : d.findElements(By.cssSelector(css))) {
                    try {
                      if (e.getText().contains(text)) {
                        return e;
                      }
                    } catch (RuntimeException stale) {
                      // Re-rendered meanwhile; the next poll reads the new element.
                    }
                  }
                  return null;
                });
  }

  /** Waits until the text of the element matching {@code css} is exactly {@code text}. */
  void awaitExact(String css, String text, int seconds) {
    new WebDriverWait(driver, Duration.ofSeconds(seconds))
        .withMessage(() -> css + " never read " + text + "; last: " + textOf(css))
        .until(d -> textOf(css).equals(text));
  }

  String textOf(String css) {
    RuntimeException last = null;
    // Views re-render on a timer, so an element found can be replaced before its text is read;
    // reading again finds the new one.
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        return String.join(
            " | ",
            driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList());
      } catch (StaleElementReferenceException e) {
        last = e;
      } catch (RuntimeException e) {
        return "(" + e.getClass().getSimpleName() + ")";
      }
    }
    return "(" + last.getClass().getSimpleName() + ")";
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Runs an async script whose last argument is the callback; waits up to 60 s. */
  Object asyncScript(String js, Object... args) {
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
  }

  /**
   * Saves a screenshot of the whole page as {@code target/console-screenshots/NAME.png}, and under
   * the directory named by the system property {@code console.docs} when set (to refresh the
   * screenshots in docs/console).
   */
  void screenshot(String name) throws IOException {
    Dimension before = driver.manage().window().getSize();
    script("window.scrollTo(0, 0)");
    long height =
        (Long)
            script("return Math.max(800, Math.min(2400, document.documentElement.scrollHeight))");
    driver.manage().window().setSize(new Dimension(before.getWidth(), (int) height + 90));
    try {
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.createDirectories(SHOTS);
      Files.write(SHOTS.resolve(name + ".png"), png);
      String docs = System.getProperty("console.docs", "");
      if (!docs.isEmpty()) {
        Files.createDirectories(Path.of(docs));
        Files.write(Path.of(docs).resolve(name + ".png"), png);
      }
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
