ALTER TABLE "jobs" ADD COLUMN "coalesce_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_coalesce_key" ON "jobs" USING btree ("coalesce_key") WHERE "jobs"."status" = 'queued';