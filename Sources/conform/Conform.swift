import ArgumentParser
import Foundation

/// The root command: `conform run | validate | list | mock | merge | init`.
struct Conform: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conform",
        abstract: "Contract-conformance tests for JSON HTTP APIs: specs in, JUnit out.",
        discussion: """
        Exit codes: 0 every gating case passed; 1 a contract failure; 2 a usage or spec error \
        (nothing was sent); 3 no contract failure, but the target could not be reached or \
        answered at the transport level.
        """,
        version: "0.1.0",
        subcommands: [RunCommand.self, ValidateCommand.self, ListCommand.self, MockCommand.self, MergeCommand.self, InitCommand.self, AuditCommand.self, ExportCommand.self, DiffCommand.self]
    )

    /// An unexpected internal error: distinct from every documented code.
    static let internalErrorCode: Int32 = 70
    /// The most spec files `run` and `audit` run at once: each can hold a connection, and far
    /// more than any target (or this machine's file descriptors) would bear is surely a typo.
    static let maximumConcurrency = 1024
}

/// Ends the process with a specific exit code after a command has printed what it must.
struct CommandExit: Error {
    let code: Int32
}

/// stderr, for diagnostics (stdout carries results).
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Conform's commands do their work in `execute()`. (Calling `run()` through an
/// `any AsyncParsableCommand` existential picks the synchronous default that prints help
/// under Swift 6, so the entry point calls this instead.)
protocol ConformCommand: AsyncParsableCommand {
    mutating func execute() async throws
}

extension ConformCommand {
    mutating func run() async throws { try await execute() }
}
