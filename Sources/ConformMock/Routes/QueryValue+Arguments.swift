import ConformShape
import ConformDataModel

extension QueryValue {
    /// A `query.json` argument read for `target`: JSON values as objects are written (reference
    /// §16.2), so choice keys typed by field, dates and datetimes as ISO strings, IDs as UUID
    /// strings. `null` (for `=`/`!=`) tests for null; `in`/`not in` take an array.
    static func argument(
        _ value: JSONValue, target: ObjectQuery.Target, op: QueryExpression.Operator, name: String
    ) throws(APIError) -> QueryExpression.Argument {
        let position = "the argument for '\(name) \(op.rawValue)'"
        if [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op), case .field(let field) = target, !isOrdered(field.type) {
            throw .invalidRequest("'\(name)' is a \(field.type.name) field, which has no order for '\(op.rawValue)'.")
        }
        switch op {
        case .in, .notIn:
            guard case .array(let elements) = value else {
                throw .invalidRequest("\(position) must be an array, got \(value.typeDescription).")
            }
            var list: [QueryValue?] = []
            for element in elements {
                if element.isNull { list.append(nil); continue }
                guard let converted = operand(element, target: target, op: .equal) else {
                    throw .invalidRequest("Invalid value \(element.excerpt(200)) in \(position).")
                }
                list.append(converted)
            }
            return .list(list)
        case .equal, .notEqual:
            if value.isNull { return .null }
        default:
            guard !value.isNull else { throw .invalidRequest("\(position) must not be null.") }
        }
        guard let converted = operand(value, target: target, op: op) else {
            throw .invalidRequest("Invalid value \(value.excerpt(200)) for \(position).")
        }
        return .value(converted)
    }

    /// One JSON operand; `nil` when it does not fit the target or the operator.
    private static func operand(_ value: JSONValue, target: ObjectQuery.Target, op: QueryExpression.Operator) -> QueryValue? {
        let textual = op == .contains || op == .startsWith
        switch target {
        case .field(let field):
            if textual {
                switch (field.type, value) {
                case (.text, .string(let text)): return .text(text)
                case (.multipleChoice, _), (.multipleChoiceInteger, _): return op == .contains ? key(value, field: field) : nil
                default: return nil
                }
            }
            return fieldOperand(value, field: field)
        case .relationship, .attachmentID, .id:
            guard !textual, case .string(let text) = value else { return nil }
            return .id(UUIDText.normalized(text) ?? text)
        case .updatedAt:
            guard !textual, case .string(let text) = value else { return nil }
            return Timestamp.parseDateTime(text).map(QueryValue.datetime)
        case .natural:
            return nil
        }
    }

    private static func fieldOperand(_ value: JSONValue, field: Field) -> QueryValue? {
        switch (field.type, value) {
        case (.text, .string(let text)): return .text(text)
        case (.integer, _), (.number, _): return value.numberValue.map(QueryValue.number)
        case (.boolean, .bool(let flag)): return .boolean(flag)
        case (.date, .string(let text)): return Timestamp.parseDate(text).map(QueryValue.date)
        case (.datetime, .string(let text)): return Timestamp.parseDateTime(text).map(QueryValue.datetime)
        case (.singleChoice, _), (.singleChoiceInteger, _), (.multipleChoice, _), (.multipleChoiceInteger, _):
            return key(value, field: field)
        default: return nil
        }
    }

    /// A choice key typed by the field (an integer key may also come as a numeric string).
    private static func key(_ value: JSONValue, field: Field) -> QueryValue? {
        switch (field.type, value) {
        case (.singleChoiceInteger, .integer(let integer)), (.multipleChoiceInteger, .integer(let integer)):
            return .key(.integer(integer))
        case (.singleChoiceInteger, .string(let text)), (.multipleChoiceInteger, .string(let text)):
            return Int64(text).map { .key(.integer($0)) }
        case (.singleChoice, .string(let text)), (.multipleChoice, .string(let text)):
            return .key(.string(text))
        default:
            return nil
        }
    }
}
