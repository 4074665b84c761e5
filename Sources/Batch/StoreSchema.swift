import GRDB

/// The job store's tables, created and upgraded by a `DatabaseMigrator` (add new migrations at the
/// end; never edit a shipped one).
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: batches, jobs, results, workers") { db in
            try db.create(table: "batches") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("spec", .text).notNull()             // the spec text as submitted
                t.column("inputs", .text).notNull()           // JSON object of fixed inputs
                t.column("priority", .integer).notNull()
                t.column("max_attempts", .integer).notNull()
                t.column("retry_backoff", .double).notNull()
                t.column("timeout", .double)
                t.column("rate_limit", .double)
                t.column("isolation", .text).notNull()
                t.column("job_count", .integer).notNull()
                t.column("created_at", .double).notNull()
                t.column("slurm_job_id", .text)
            }
            try db.create(table: "jobs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batch_id", .integer).notNull().references("batches")
                t.column("seq", .integer).notNull()             // index in the batch's expansion
                t.column("parameters", .text).notNull()         // JSON object
                t.column("priority", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("interruptions", .integer).notNull().defaults(to: 0)
                t.column("not_before", .double).notNull().defaults(to: 0)   // retry backoff
                t.column("created_at", .double).notNull()
                t.column("queued_at", .double)
                t.column("started_at", .double)
                t.column("finished_at", .double)
                t.column("worker", .text)                       // host:pid:wN holding the lease
                t.column("lease_expires_at", .double)
                t.column("error", .text)
                t.uniqueKey(["batch_id", "seq"])
            }
            try db.create(index: "jobs_queue", on: "jobs", columns: ["status", "priority", "id"])
            try db.create(table: "results") { t in
                t.primaryKey("job_id", .integer).references("jobs")   // one result per job, ever
                t.column("batch_id", .integer).notNull()
                t.column("result_values", .text).notNull()      // JSON object
                t.column("outputs", .text).notNull()            // JSON array of paths
                t.column("worker", .text).notNull()
                t.column("duration", .double).notNull()
                t.column("finished_at", .double).notNull()
            }
            try db.create(index: "results_finished", on: "results", columns: ["finished_at"])
            try db.create(table: "workers") { t in
                t.primaryKey("id", .text)                       // host:pid
                t.column("threads", .integer).notNull()
                t.column("shard", .text)
                t.column("started_at", .double).notNull()
                t.column("heartbeat_at", .double).notNull()
                t.column("stopped_at", .double)
                t.column("jobs_done", .integer).notNull().defaults(to: 0)
            }
        }
        m.registerMigration("v2: per-batch indexes") { db in
            // Batch status counts (GROUP BY batch_id, status) and per-batch results without a scan.
            try db.create(index: "jobs_batch_status", on: "jobs", columns: ["batch_id", "status"])
            try db.create(index: "results_batch", on: "results", columns: ["batch_id"])
        }
        m.registerMigration("v3: workflows") { db in
            try db.create(table: "workflows") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("spec", .text).notNull()             // the workflow text as submitted
                t.column("created_at", .double).notNull()
            }
            // A workflow's stages are batches; `stage_needs` is the stage graph (a barrier or per item).
            try db.alter(table: "batches") { t in
                t.add(column: "workflow_id", .integer).references("workflows")
                t.add(column: "stage", .text)
            }
            try db.create(table: "stage_needs") { t in
                t.column("batch_id", .integer).notNull().references("batches")
                t.column("needs_batch_id", .integer).notNull().references("batches")
                t.column("per_item", .boolean).notNull()
                t.primaryKey(["batch_id", "needs_batch_id"])
            }
            try db.create(index: "stage_needs_upstream", on: "stage_needs", columns: ["needs_batch_id"])
        }
        return m
    }
}
