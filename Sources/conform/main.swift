import ArgumentParser
import ConformRunner
import Foundation

// Exit codes are part of the interface (DESIGN.md): 0 pass, 1 contract failure, 2 usage or
// spec error, 3 transport. ArgumentParser would exit 64 on a usage error, and a crash or an
// unexpected error must never look like a contract failure, so the mapping is done here.
do {
    var command = try await Conform.asyncParseAsRoot()
    if var asyncCommand = command as? any ConformCommand {
        try await asyncCommand.execute()
    } else {
        try command.run()
    }
    exit(ExitCode.success)
} catch let commandExit as CommandExit {
    exit(commandExit.code)
} catch {
    let code = Conform.exitCode(for: error)
    let message = Conform.fullMessage(for: error)
    if code == .success {
        if !message.isEmpty { print(message) }
        Foundation.exit(ExitCode.success)
    }
    if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    Foundation.exit(code == .validationFailure ? ExitCode.specError : Conform.internalErrorCode)
}
