"""An alert stays with the unit, complaint and kind it was written for, and is never
deleted: someone holding the application's database password once made an urgent alert
vanish from a regional inbox, and re-routed another to a unit at the other end of Peru."""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION alerts_stay_where_sent() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
BEGIN
    IF NEW.unit_id <> OLD.unit_id OR NEW.complaint_id IS DISTINCT FROM OLD.complaint_id
       OR NEW.kind <> OLD.kind OR NEW.escalated_from_id IS DISTINCT FROM OLD.escalated_from_id
       OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'RETA: an alert keeps its unit, complaint, kind and date'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER alert_stays_where_sent BEFORE UPDATE ON alerts_alert
    FOR EACH ROW EXECUTE FUNCTION alerts_stay_where_sent();
CREATE TRIGGER alert_no_delete BEFORE DELETE ON alerts_alert
    FOR EACH ROW EXECUTE FUNCTION reta_refuse_change();
CREATE TRIGGER alert_no_truncate BEFORE TRUNCATE ON alerts_alert
    FOR EACH STATEMENT EXECUTE FUNCTION reta_refuse_change();
CREATE TRIGGER delivery_no_delete BEFORE UPDATE OR DELETE ON alerts_delivery
    FOR EACH ROW EXECUTE FUNCTION reta_refuse_change();
"""

BACKWARD = r"""
DROP TRIGGER delivery_no_delete ON alerts_delivery;
DROP TRIGGER alert_no_truncate ON alerts_alert;
DROP TRIGGER alert_no_delete ON alerts_alert;
DROP TRIGGER alert_stays_where_sent ON alerts_alert;
DROP FUNCTION alerts_stay_where_sent();
"""


class Migration(migrations.Migration):
    dependencies = [("alerts", "0001_initial"), ("administration", "0014_noop_updates_of_append_only_rows")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
