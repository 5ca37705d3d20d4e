from tests.access import Probe

SUBSCRIPTION = {
    "endpoint": "https://fcm.googleapis.com/fcm/send/probe",
    "p256dh": "BProbeKey",
    "auth": "probe-auth",
}

PROBES = {
    "reminders:settings": Probe("login"),
    "reminders:push_subscribe": Probe("login", method="post", data=SUBSCRIPTION),
    "reminders:push_unsubscribe": Probe("login", method="post", data={"endpoint": "x"}),
}
