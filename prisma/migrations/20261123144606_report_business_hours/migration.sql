-- Written by hand (functions are not part of Prisma's schema diff).
-- Seconds of working time between two instants, for /socialreport's business-hours option: the
-- daily window [day_start, day_end) in time zone tz, on the ISO week days in work_days
-- (1 = Monday … 7 = Sunday). One row per local calendar day between the two instants, each
-- intersected with that day's window; daylight-saving changes are handled by AT TIME ZONE.
-- NULL when either instant is NULL; 0 when end_at is not after start_at.
CREATE OR REPLACE FUNCTION earshot_business_seconds(
  start_at timestamptz,
  end_at timestamptz,
  tz text,
  work_days integer[],
  day_start time,
  day_end time
) RETURNS double precision
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN start_at IS NULL OR end_at IS NULL THEN NULL
    WHEN end_at <= start_at THEN 0::double precision
    ELSE coalesce((
      SELECT sum(extract(epoch FROM least(end_at, w.window_end) - greatest(start_at, w.window_start)))::double precision
      FROM generate_series((start_at AT TIME ZONE tz)::date, (end_at AT TIME ZONE tz)::date, interval '1 day') AS g(local_day)
      CROSS JOIN LATERAL (
        SELECT (g.local_day::date + day_start) AT TIME ZONE tz AS window_start,
               (g.local_day::date + day_end) AT TIME ZONE tz AS window_end
      ) AS w
      WHERE extract(isodow FROM g.local_day) = ANY (work_days)
        AND least(end_at, w.window_end) > greatest(start_at, w.window_start)
    ), 0::double precision)
  END
$$;
