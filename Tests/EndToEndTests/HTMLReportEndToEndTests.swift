import ConformShape
import ConformTestSupport
import Foundation
import Testing

/// `--report-html` from the built binary against the mock with a breaking change, additive
/// drift and a flaky endpoint: a self-contained page, and — where Debian's `chromium` is installed (`.ci/run`
/// installs it) — the page as a real browser parses it: its sections, one article per failure
/// with the spec line and carets, the drift table, and a screenshot that is not empty.
@Suite(.serialized) struct HTMLReportEndToEndTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Report {
        let html: String
        let json: JSONValue
        let folder: TemporaryFolder
    }

    func writeReport() async throws -> Report {
        // A breaking change, additive drift, and a 503 on every other GET /info.json (retried).
        let mock = try await MockProcess.start(profiles: ["breaking.field-renamed", "additive", "fault.503@GET /info.json%2"])
        defer { mock.stop() }
        let folder = try TemporaryFolder("e2e-html")
        let output = try await ProcessRunner.run(ConformBinary.path, [
            "run", "Specs", "--base-url", mock.baseURL, "--junit", folder.file("junit.xml"),
            "--report-html", folder.file("report.html"), "--report-json", folder.file("report.json"),
        ], environment: ["CONFORM_TOKEN": mock.token], directory: SharedData.packageRoot.path)
        #expect(output.exitCode == 1, "\(output.stdout.suffix(2000))\n\(output.stderr)")
        #expect(output.stdout.contains("HTML report: \(folder.file("report.html"))"))
        let html = String(decoding: FileManager.default.contents(atPath: folder.file("report.html")) ?? Data(), as: UTF8.self)
        let json = try JSONValue.parse(bytes: Array(FileManager.default.contents(atPath: folder.file("report.json")) ?? Data()))
        #expect(!html.contains(mock.token), "the token never reaches the page")
        return Report(html: html, json: json, folder: folder)
    }

    @Test func thePageIsSelfContainedAndHoldsEveryFailure() async throws {
        let report = try await writeReport()
        defer { report.folder.remove() }
        let html = report.html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains(" src="), "no script, no external asset")
        #expect(html.matches(of: /href="([^"]*)"/).allSatisfy { $0.output.1.hasPrefix("#") }, "links stay inside the page")
        #expect(html.contains(#"<span class="verdict fail" id="verdict">FAIL</span>"#))
        // One article per case the JSON report calls failed or a beta problem.
        let cases = report.json["specs"]?.arrayValue?.flatMap { $0["cases"]?.arrayValue ?? [] } ?? []
        let notPassed = cases.filter { ["failed", "betaProblem"].contains($0["reported"]?.stringValue ?? "") }
        #expect(notPassed.count > 10)
        #expect(html.matches(of: /<article class="failure/).count == notPassed.count)
        // The renamed field: the path, expected and actual, the candidate, and the carets.
        #expect(html.contains("<dt>renamed to?</dt>"))
        #expect(html.contains(#"<span class="label">spec</span><pre>"#) && html.contains("^^^"))
        // Drift from the additive profile, once per field, with the endpoints that sent it.
        let drift = try #require(html.firstMatch(of: /<section id="drift"><h2>Drift \(tolerated, not failing\): ([0-9]+)<\/h2>/))
        #expect((Int(drift.output.1) ?? 0) > 0)
        #expect(html.contains("<td>field</td><td><code>$.deployed_at</code></td><td>string</td><td>GET /info.json</td>"), "\(html.suffix(4000))")
        // The 503 a retry got past: the case passed, and the page says it was flaky.
        let retries = try #require(html.firstMatch(of: /<section id="retries"><h2>Retries: ([0-9]+) cases?, ([0-9]+) flaky<\/h2>/))
        #expect((Int(retries.output.2) ?? 0) >= 1)
        #expect(html.contains("<td>flaky: passed after retrying</td>") && html.contains("info.json: status 503"))
    }

    @Test(.enabled(if: Self.chromium != nil, "needs Debian's chromium (apt-get install chromium; .ci/run installs it)"))
    func chromiumRendersTheSectionsTheFailuresAndThePicture() async throws {
        let report = try await writeReport()
        defer { report.folder.remove() }
        let browser = try #require(Self.chromium)
        let url = "file://" + report.folder.file("report.html")
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                     "--user-data-dir=" + report.folder.file("chromium-profile")]
        // The DOM after Chromium parsed the page: what a browser shows, not what we wrote. An
        // unclosed element or a stray `<` would move or swallow what follows.
        let dump = try await ProcessRunner.run(browser, flags + ["--dump-dom", url], deadline: 120)
        #expect(dump.exitCode == 0, "\(dump.stderr.suffix(2000))")
        let dom = dump.stdout
        for section in ["endpoints", "failures", "files", "drift", "retries", "slowest"] {
            #expect(dom.contains("<section id=\"\(section)\">"), "section \(section)")
        }
        // Each section closed before the next opens: had one been left open, the browser would
        // nest the rest inside it and its `</section>` would come later.
        for next in ["failures", "files", "drift", "retries", "slowest"] {
            #expect(dom.contains("</section>\n<section id=\"\(next)\">"), "the section before \(next) is closed")
        }
        #expect(dom.matches(of: /<article class="failure/).count == report.html.matches(of: /<article class="failure/).count)
        #expect(dom.matches(of: /<details class="file/).count == report.json["specs"]?.arrayValue?.count)
        #expect(dom.contains(#"<span class="verdict fail" id="verdict">FAIL</span>"#))
        #expect(dom.contains("</footer>"), "the page ends where it should")
        // The picture: a PNG of the top of the page, large enough to hold more than a blank page.
        let png = report.folder.file("report.png")
        let shot = try await ProcessRunner.run(browser, flags + ["--window-size=1200,1600", "--screenshot=" + png, url], deadline: 120)
        #expect(shot.exitCode == 0, "\(shot.stderr.suffix(2000))")
        let bytes = Array(FileManager.default.contents(atPath: png) ?? Data())
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        #expect(bytes.count > 20_000, "a blank 1200×1600 page compresses to a few kilobytes; this one has \(bytes.count) bytes")
    }
}
