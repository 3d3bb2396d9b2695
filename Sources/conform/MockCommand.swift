import ArgumentParser
import ConformDataModel
import ConformMock
import ConformRunner
import Foundation

struct MockCommand: ConformCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock",
        abstract: "Serve the JourneyApps Backend API v4 mock deployment.",
        discussion: """
        The first line on stdout is `listening on http://HOST:PORT` (flushed), so scripts can \
        read the port. Stops gracefully on SIGINT or SIGTERM.
        """)

    @Option(help: "The address to bind (loopback by default).")
    var host: String = "127.0.0.1"

    @Option(help: "The port; 0 picks a free one.")
    var port: Int = 0

    @Option(help: "A JourneyApps data model XML file (default: the shipped one, Specs/datamodel.xml).")
    var datamodel: String?

    @Option(name: .customLong("deployment-id"), help: "The backend deployment ID (24 lowercase hex digits): the path segment and the HTTP Basic user name.")
    var deploymentID: String = MockConfiguration.defaultDeploymentID

    @Option(help: "The API token accepted as `Authorization: Bearer O:<token>`.")
    var token: String = MockConfiguration.defaultToken

    @Option(help: "The HTTP Basic password (the user name is the deployment ID).")
    var password: String = MockConfiguration.defaultPassword

    @Option(name: .customLong("seed-ids"), help: "Make object IDs from this seed, the same on every run.")
    var seedIDs: UInt64?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard MockConfiguration.isDeploymentID(deploymentID) else {
            throw ValidationError("--deployment-id must be 24 lowercase hex digits, e.g. \(MockConfiguration.defaultDeploymentID)")
        }
    }

    mutating func execute() async throws {
        let configuration: MockConfiguration
        do {
            let model = try datamodel.map { path throws(DataModelError) in try DataModel.load(path: path) } ?? .shipped
            configuration = try MockConfiguration(deploymentID: deploymentID, password: password, token: token, dataModel: model,
                                                  idGenerator: seedIDs.map { .seeded($0) } ?? .random)
        } catch {
            StandardError.write("error: \(error)\n")
            throw CommandExit(code: ExitCode.specError)
        }
        let server = MockServer(deployment: MockDeployment(configuration: configuration), host: host, port: port)
        do {
            try await server.run { address in
                // Written unbuffered: a script waits for this line before it sends anything.
                FileHandle.standardOutput.write(Data("listening on \(address.baseURL)\n".utf8))
            }
        } catch {
            StandardError.write("error: the mock could not serve on \(host):\(port): \(error)\n")
            throw CommandExit(code: ExitCode.transport)
        }
    }
}
