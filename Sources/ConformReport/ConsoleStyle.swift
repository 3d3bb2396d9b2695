/// Colour on the console: on a terminal by default, never when piped or when `NO_COLOR` is
/// set; `--color always` or `CLICOLOR_FORCE` force it (https://no-color.org,
/// https://bixense.com/clicolors).
public struct ConsoleStyle: Sendable {
    public enum Choice: String, Sendable, CaseIterable {
        case auto, always, never
    }

    public let colored: Bool

    public init(colored: Bool) { self.colored = colored }

    /// Whether to colour, given the choice, the environment and whether stdout is a terminal.
    public static func decide(_ choice: Choice, environment: [String: String], isTerminal: Bool) -> ConsoleStyle {
        switch choice {
        case .always: return ConsoleStyle(colored: true)
        case .never: return ConsoleStyle(colored: false)
        case .auto:
            if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return ConsoleStyle(colored: true) }
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return ConsoleStyle(colored: false) }
            if environment["TERM"] == "dumb" { return ConsoleStyle(colored: false) }
            return ConsoleStyle(colored: isTerminal)
        }
    }

    enum Tone: String {
        case pass = "32"  // green
        case fail = "31"  // red
        case error = "35"  // magenta: could not check, not a broken contract
        case warn = "33"  // yellow
        case dim = "2"
        case bold = "1"
        case caret = "1;31"
    }

    func paint(_ text: String, _ tone: Tone) -> String {
        guard colored, !text.isEmpty else { return text }
        return "\u{1B}[\(tone.rawValue)m\(text)\u{1B}[0m"
    }
}
