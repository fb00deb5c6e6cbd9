ALTER TABLE "account_health" ADD COLUMN "last_touch_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_health" ADD COLUMN "change_7d" integer;--> statement-breakpoint
-- Stored scores computed before these columns existed: the same values, from their inputs.
UPDATE "account_health" SET "last_touch_at" = ("inputs"->>'lastTouchAt')::timestamptz, "change_7d" = "score" - ("inputs"->'trendBase'->>'score')::int;
