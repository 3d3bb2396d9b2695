public import ConformRunner
import Foundation
import Synchronization

/// What a person watches while a run goes. Each file's block is printed as soon as the file
/// finishes (never held back behind a slower file); on a terminal a status line under them
/// counts files done, cases passed and failed, and the time so far, redrawn in place. In CI
/// (not a terminal) there is no status line and no control character: the blocks are the
/// progress, one `PASS`/`FAIL` line per finished file.
public final class ProgressDisplay: Sendable {
    public enum Choice: String, Sendable, CaseIterable {
        /// A status line when stdout is a terminal (and not under CI or `TERM=dumb`).
        case auto
        /// The status line, wherever the output goes.
        case live
        /// One block per finished file, no control characters.
        case lines
    }

    /// Whether to draw the status line, given the choice, the environment and whether stdout
    /// is a terminal. CI systems that run steps under a pseudo-terminal set `CI`; their log
    /// pages show `\r` redraws as noise, so `CI` turns the status line off.
    public static func isLive(_ choice: Choice, environment: [String: String], isTerminal: Bool) -> Bool {
        switch choice {
        case .live: true
        case .lines: false
        case .auto: isTerminal && environment["TERM"] != "dumb" && (environment["CI"] ?? "").isEmpty
        }
    }

    private struct State {
        var filesDone = 0
        var tally = Tally([])
        var statusShown = false
        var ended = false
    }

    private let live: Bool
    private let totalFiles: Int
    private let style: ConsoleStyle
    private let write: @Sendable (String) -> Void
    private let started: ContinuousClock.Instant
    private let state = Mutex(State())

    public init(live: Bool, totalFiles: Int, style: ConsoleStyle, write: @escaping @Sendable (String) -> Void) {
        self.live = live
        self.totalFiles = totalFiles
        self.style = style
        self.write = write
        self.started = ContinuousClock.now
    }

    /// A file finished: its block goes above the status line, and the counts move on.
    public func finished(_ spec: SpecResult, block: String) {
        state.withLock { state in
            state.filesDone += 1
            state.tally.add(spec.tally)
            guard !state.ended else { return }
            var text = live && state.statusShown ? Self.eraseLine : ""
            text += block
            if live {
                text += statusLine(state)
                state.statusShown = true
            }
            write(text)
        }
    }

    /// Redraws the status line (the elapsed time moves even when no file finishes).
    public func tick() {
        guard live else { return }
        state.withLock { state in
            guard !state.ended else { return }
            write((state.statusShown ? Self.eraseLine : "") + statusLine(state))
            state.statusShown = true
        }
    }

    /// The run is over: the status line goes, so the summary starts on a clean line.
    public func end() {
        state.withLock { state in
            if live && state.statusShown && !state.ended { write(Self.eraseLine) }
            state.ended = true
        }
    }

    /// Ticks every half second until `end()`; cancel the task when the run is over.
    public func startTicking() -> Task<Void, Never>? {
        guard live else { return nil }
        return Task.detached { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                if Task.isCancelled { break }
                tick()
            }
        }
    }

    /// Carriage return and "erase the whole line": the status line is redrawn in place.
    static let eraseLine = "\r\u{1B}[2K"

    /// `[12/40 files] 35 passed, 2 failed, 1 error · 3.2s` (no newline: the cursor stays on it).
    private func statusLine(_ state: State) -> String {
        let tally = state.tally
        var parts = [style.paint("\(tally.passed) passed", tally.passed > 0 ? .pass : .dim)]
        if tally.failed > 0 { parts.append(style.paint("\(tally.failed) failed", .fail)) }
        if tally.errors > 0 { parts.append(style.paint("\(tally.errors) error\(tally.errors == 1 ? "" : "s")", .error)) }
        if tally.skipped > 0 { parts.append("\(tally.skipped) skipped") }
        let elapsed = (ContinuousClock.now - started).seconds
        return style.paint("[\(state.filesDone)/\(totalFiles) files]", .bold) + " " + parts.joined(separator: ", ")
            + " · " + String(format: "%.1fs", elapsed)
    }
}
