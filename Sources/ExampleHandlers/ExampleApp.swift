import BullpenWorker

/// The example app: handlers for the three queues of `etc/bullpen.yaml`.
public enum ExampleApp {
    /// The handlers by queue name, configured from the environment when read (`BULLPEN_MAILDROP`,
    /// `BULLPEN_TEMPLATES`, `BULLPEN_THUMBNAILS`, `BULLPEN_ORDERS`, `BULLPEN_REPORTS`).
    public static var handlers: [String: any JobHandler] {
        ["emails": EmailHandler(), "images": ImageHandler(), "reports": ReportHandler()]
    }
}
