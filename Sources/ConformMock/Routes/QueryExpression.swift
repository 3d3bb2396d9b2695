import ConformShape
import ConformDataModel

/// The expression of `POST objects/{model}/query.json` (reference §3.5), JourneyApps query
/// syntax with `?` placeholders: `(make = ? and model = ?) or serial_number in ?`.
///
/// Comparisons are `<name> <operator> ?` with the operators `= != > < >= <= contains
/// "starts with" in "not in"`; `and` binds tighter than `or`; parentheses group. Keywords are
/// case-insensitive. Names are fields, `<rel>_id`, `<f>_id`, `id` and `updated_at` (or
/// `_updated_at`). Each `?` takes the next of `arguments`, converted by the field's type;
/// literals in the text are not part of the syntax the client uses and are refused.
indirect enum QueryExpression: Sendable {
    case all
    case and([QueryExpression])
    case or([QueryExpression])
    case comparison(Comparison)

    enum Operator: String, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case greater = ">"
        case less = "<"
        case greaterOrEqual = ">="
        case lessOrEqual = "<="
        case contains = "contains"
        case startsWith = "starts with"
        case `in` = "in"
        case notIn = "not in"
    }

    /// A bound argument: `null`, one value, or the list of `in`/`not in` (`nil` elements are null).
    enum Argument: Sendable {
        case null
        case value(QueryValue)
        case list([QueryValue?])
    }

    struct Comparison: Sendable {
        let name: String
        let target: ObjectQuery.Target
        let op: Operator
        let argument: Argument
    }

    /// Long enough for any real query; bounds the work a hostile body can cause.
    static let maximumLength = 10_000
    /// Parentheses nested deeper than this are refused (the parser recurses on them).
    static let maximumDepth = 32

    /// Parses `text` for `model`, binding `arguments` in order. An empty expression matches
    /// everything. Every problem is `INVALID_API_REQUEST` naming it.
    static func parse(_ text: String, arguments: [JSONValue], model: Model) throws(APIError) -> QueryExpression {
        guard text.utf8.count <= maximumLength else {
            throw .invalidRequest("The expression is longer than \(maximumLength) characters.")
        }
        let tokens = try QueryTokenizer.tokens(text)
        guard !tokens.isEmpty else {
            guard arguments.isEmpty else { throw .invalidRequest("The expression is empty but \(arguments.count) arguments were given.") }
            return .all
        }
        var parser = QueryParser(tokens: tokens, arguments: arguments, model: model)
        let expression = try parser.parseOr(depth: 0)
        if let extra = parser.peek { throw .invalidRequest("Unexpected \(extra) in the expression.") }
        guard parser.argumentIndex == arguments.count else {
            throw .invalidRequest("The expression has \(parser.argumentIndex) placeholders but \(arguments.count) arguments were given.")
        }
        return expression
    }
}

/// A token of the expression language.
enum QueryToken: Sendable, Equatable, CustomStringConvertible {
    case name(String)
    case symbol(String)
    case placeholder
    case open
    case close

    var description: String {
        switch self {
        case .name(let name): "'\(name)'"
        case .symbol(let symbol): "'\(symbol)'"
        case .placeholder: "'?'"
        case .open: "'('"
        case .close: "')'"
        }
    }
}

enum QueryTokenizer {
    static func tokens(_ text: String) throws(APIError) -> [QueryToken] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [QueryToken] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ", "\t", "\n", "\r": index += 1
            case "(": tokens.append(.open); index += 1
            case ")": tokens.append(.close); index += 1
            case "?": tokens.append(.placeholder); index += 1
            case "=", "!", "<", ">":
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                if next == "=" {
                    tokens.append(.symbol(String(scalar) + "="))
                    index += 2
                } else if scalar == "!" {
                    throw .invalidRequest("Unexpected '!' in the expression: did you mean '!='?")
                } else {
                    tokens.append(.symbol(String(scalar)))
                    index += 1
                }
            default:
                guard scalar.isASCIILetter || scalar == "_" || scalar == "$" else {
                    let what = scalar == "'" || scalar == "\"" || scalar.isASCIIDigit
                        ? "a literal; write ? and pass the value in arguments" : "'\(scalar)'"
                    throw .invalidRequest("Unexpected \(what) at character \(index + 1) of the expression.")
                }
                var name = ""
                while index < scalars.count, scalars[index].isASCIILetter || scalars[index].isASCIIDigit || scalars[index] == "_" || scalars[index] == "$" {
                    name.unicodeScalars.append(scalars[index])
                    index += 1
                }
                tokens.append(.name(name))
            }
        }
        return tokens
    }
}

/// Recursive descent over the tokens: `or` of `and`s of comparisons or parenthesised groups.
struct QueryParser {
    let tokens: [QueryToken]
    let arguments: [JSONValue]
    let model: Model
    var position = 0
    var argumentIndex = 0

    init(tokens: [QueryToken], arguments: [JSONValue], model: Model) {
        self.tokens = tokens
        self.arguments = arguments
        self.model = model
    }

    var peek: QueryToken? { position < tokens.count ? tokens[position] : nil }

    private func isKeyword(_ token: QueryToken?, _ word: String) -> Bool {
        if case .name(let name)? = token { name.lowercased() == word } else { false }
    }

    mutating func parseOr(depth: Int) throws(APIError) -> QueryExpression {
        var terms = [try parseAnd(depth: depth)]
        while isKeyword(peek, "or") {
            position += 1
            terms.append(try parseAnd(depth: depth))
        }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    private mutating func parseAnd(depth: Int) throws(APIError) -> QueryExpression {
        var terms = [try parsePrimary(depth: depth)]
        while isKeyword(peek, "and") {
            position += 1
            terms.append(try parsePrimary(depth: depth))
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    private mutating func parsePrimary(depth: Int) throws(APIError) -> QueryExpression {
        switch peek {
        case .open?:
            guard depth < QueryExpression.maximumDepth else {
                throw .invalidRequest("Parentheses are nested deeper than \(QueryExpression.maximumDepth) levels.")
            }
            position += 1
            let inner = try parseOr(depth: depth + 1)
            guard peek == .close else { throw .invalidRequest("Missing ')' in the expression.") }
            position += 1
            return inner
        case .name(let name)?:
            position += 1
            return .comparison(try parseComparison(name))
        case let token?:
            throw .invalidRequest("Expected a field name or '(' but found \(token) in the expression.")
        case nil:
            throw .invalidRequest("The expression ends where a comparison was expected.")
        }
    }

    private mutating func parseComparison(_ name: String) throws(APIError) -> QueryExpression.Comparison {
        let target = try ObjectQuery.target(name, model: model, allowNatural: false)
        let op = try parseOperator(after: name)
        guard peek == .placeholder else {
            throw .invalidRequest("Expected ? after '\(name) \(op.rawValue)': values go in arguments.")
        }
        position += 1
        let argument = try QueryValue.argument(arguments[argumentIndexChecked()], target: target, op: op, name: name)
        argumentIndex += 1
        return .init(name: name, target: target, op: op, argument: argument)
    }

    private func argumentIndexChecked() throws(APIError) -> Int {
        guard argumentIndex < arguments.count else {
            throw .invalidRequest("The expression has more placeholders than the \(arguments.count) arguments given.")
        }
        return argumentIndex
    }

    private mutating func parseOperator(after name: String) throws(APIError) -> QueryExpression.Operator {
        switch peek {
        case .symbol(let symbol)?:
            position += 1
            if let op = QueryExpression.Operator(rawValue: symbol) { return op }
        case .name(let word)? where ["contains", "in"].contains(word.lowercased()):
            position += 1
            return word.lowercased() == "in" ? .in : .contains
        case .name(let word)? where ["starts", "not"].contains(word.lowercased()):
            position += 1
            let second = word.lowercased() == "starts" ? "with" : "in"
            guard isKeyword(peek, second) else { throw .invalidRequest("Expected '\(word) \(second)' after '\(name)'.") }
            position += 1
            return second == "with" ? .startsWith : .notIn
        default: break
        }
        let operators = QueryExpression.Operator.allCases.map(\.rawValue).joined(separator: ", ")
        throw .invalidRequest("Expected an operator after '\(name)' (one of \(operators)).")
    }
}
