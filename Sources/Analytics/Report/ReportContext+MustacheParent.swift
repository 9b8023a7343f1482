import Mustache

// Field lookup for the template without reflection.
//
// Without these conformances swift-mustache finds every `{{name}}` through `Mirror`,
// walking the fields of each value on the context stack, for every tag of every row:
// that was 400 M instructions for the benchmark's 152-crash report, more than the
// whole classification. `child(named:)` answers each name with a switch instead.
// The names are exactly the stored properties (a test compares them with `Mirror`
// for every type), so a template sees the same values either way, and a name a value
// does not have still returns nil and sends Mustache up the context stack as before.

extension ReportContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "windowText": return windowText
        case "generatedAt": return generatedAt
        case "hasGeneratedAt": return hasGeneratedAt
        case "headline": return headline
        case "verdict": return verdict
        case "summaryItems": return summaryItems
        case "isQuiet": return isQuiet
        case "hasPrevious": return hasPrevious
        case "whatsNew": return whatsNew
        case "narrative": return narrative
        case "hasTimeline": return hasTimeline
        case "gantt": return gantt
        case "hasGantt": return hasGantt
        case "days": return days
        case "episodeNote": return episodeNote
        case "hasDeployments": return hasDeployments
        case "deployments": return deployments
        case "tasksSummary": return tasksSummary
        case "hasStaleTasks": return hasStaleTasks
        case "staleTasks": return staleTasks
        case "hasCrashes": return hasCrashes
        case "causeFamilies": return causeFamilies
        case "crashDetails": return crashDetails
        case "exposureDetails": return exposureDetails
        case "impactItems": return impactItems
        case "costFormula": return costFormula
        case "hasActions": return hasActions
        case "actions": return actions
        case "lessons": return lessons
        case "crashRows": return crashRows
        case "hasOutages": return hasOutages
        case "outageRows": return outageRows
        case "hasExposures": return hasExposures
        case "exposureRows": return exposureRows
        case "inputText": return inputText
        case "formulas": return formulas
        case "settingsItems": return settingsItems
        case "hasDisagreements": return hasDisagreements
        case "disagreements": return disagreements
        default: return nil
        }
    }
}

extension ReportContext.TimelineDay: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": return heading
        case "entries": return entries
        default: return nil
        }
    }
}

extension ReportContext.TimelineEntry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "time": return time
        case "sinceDeployment": return sinceDeployment
        case "hasSinceDeployment": return hasSinceDeployment
        case "text": return text
        default: return nil
        }
    }
}

extension ReportContext.DeploymentRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "at": return at
        case "taskDefinition": return taskDefinition
        case "version": return version
        case "deploymentId": return deploymentId
        case "gap": return gap
        default: return nil
        }
    }
}

extension ReportContext.TaskRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "taskDefinition": return taskDefinition
        case "environment": return environment
        case "version": return version
        case "startedAt": return startedAt
        case "stoppedAt": return stoppedAt
        case "exposures": return exposures
        default: return nil
        }
    }
}

extension ReportContext.CauseFamilyRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "cause": return cause
        case "meaning": return meaning
        case "count": return count
        case "share": return share
        case "mechanisms": return mechanisms
        case "crashIds": return crashIds
        default: return nil
        }
    }
}

extension ReportContext.CrashDetail: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "cause": return cause
        case "confidence": return confidence
        case "facts": return facts
        case "hasStoppedReason": return hasStoppedReason
        case "stoppedReason": return stoppedReason
        case "hasEvidence": return hasEvidence
        case "evidence": return evidence
        default: return nil
        }
    }
}

extension ReportContext.ExposureDetail: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "kind": return kind
        case "facts": return facts
        case "hasEvidence": return hasEvidence
        case "evidence": return evidence
        default: return nil
        }
    }
}

extension ReportContext.Action: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": return number
        case "urgency": return urgency
        case "action": return action
        case "because": return because
        default: return nil
        }
    }
}

extension ReportContext.CrashRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "at": return at
        case "task": return task
        case "cause": return cause
        case "mechanism": return mechanism
        case "confidence": return confidence
        case "exitCode": return exitCode
        case "outage": return outage
        default: return nil
        }
    }
}

extension ReportContext.OutageRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "start": return start
        case "end": return end
        case "duration": return duration
        case "seconds": return seconds
        case "crashes": return crashes
        default: return nil
        }
    }
}

extension ReportContext.ExposureRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "start": return start
        case "end": return end
        case "duration": return duration
        case "seconds": return seconds
        case "kind": return kind
        case "tasks": return tasks
        default: return nil
        }
    }
}
