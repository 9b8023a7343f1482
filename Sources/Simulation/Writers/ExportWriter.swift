import Replay

/// Turns a scenario's records into the files of its `ExportPlan`.
struct ExportWriter {
    let plan: ExportPlan
    var random: SeededRandom

    mutating func files(for records: [LogRecord]) throws -> [OutputFile] {
        var files: [OutputFile] = []
        for delivery in plan.deliveries {
            let selected = records.filter { record in
                record.group == delivery.group && (delivery.from.map { record.timestamp >= $0 } ?? true)
                    && (delivery.to.map { record.timestamp < $0 } ?? true)
            }
            guard !selected.isEmpty else { continue }
            switch delivery.shape {
            case .jsonLines(let options):
                var writer = ShapeAWriter(options: options, random: random.derived(UInt64(files.count) + 1))
                files += try writer.write(selected)
            case .firehose(let options):
                var writer = ShapeBWriter(options: options, random: random.derived(UInt64(files.count) + 2))
                files += try writer.write(selected)
            case .filterLogEvents(let folder):
                files += ShapeCWriter(folder: folder).write(selected)
            case .s3Export(let prefix):
                var writer = ShapeDWriter(prefix: prefix, random: random.derived(UInt64(files.count) + 3))
                files += try writer.write(selected)
            }
        }
        if plan.damaged {
            var messy = MessyArtifacts(random: random.derived(0xBAD))
            files += try messy.files(records: records, alreadyWritten: files)
        }
        var seen = Set<String>()
        for file in files where !seen.insert(file.path).inserted {
            throw SimulationError.cannotWrite(path: file.path, reason: "two deliveries write the same path")
        }
        return files
    }
}
