"""An Iraq-Syria article of hand-coded events whose brief test_brief.py works out by hand."""

from dyad_fakes import IRQGOV, IRQSPY, ISIS, SHARAA, SYRGOV, Coded

BAGHDAD = (IRQGOV, "Baghdad")
DAMASCUS = (SYRGOV, "Damascus")

SENTENCES = [
    "Baghdad held talks with Damascus on trade.",
    "Damascus agreed with Baghdad on water sharing.",
    "Baghdad sent aid convoys to Damascus.",
    "Iraqi intelligence met al-Sharaa.",
    "Baghdad accused Damascus of harbouring smugglers.",
    "Damascus shelled positions held by Baghdad near the border.",
    "Damascus seized Iraqi trucks, Baghdad said.",
    "al-Sharaa accused Baghdad of meddling.",
    "Baghdad threatened it could strike Damascus.",
    "Baghdad rejected the proposal from Damascus.",
    "Islamic State attacked Baghdad.",
]
#  n  date        type      quad intensity conf  |i|*conf  counted
CODED = [
    Coded(0, "CONSULT", 1, 1.0, BAGHDAD, DAMASCUS, "2024-11-03", 0.8),  # 0.8
    Coded(1, "AGREE", 1, 3.0, DAMASCUS, BAGHDAD, "2024-11-20", 0.9),  # 2.7
    Coded(2, "AID", 2, 5.0, BAGHDAD, DAMASCUS, "2024-11-25", 0.6),  # 3.0
    Coded(3, "CONSULT", 1, 1.0, (IRQSPY, "Iraqi intelligence"), (SHARAA, "al-Sharaa"),
          "2024-12-02", 0.8),  # 0.8
    Coded(4, "ACCUSE", 3, -2.0, BAGHDAD, DAMASCUS, "2024-12-15", 0.8,
          extra={"trigger": "accused"}),  # 1.6
    Coded(5, "ASSAULT", 4, -9.0, DAMASCUS, BAGHDAD, "2024-12-20", 0.5),  # 4.5
    Coded(6, "COERCE", 4, -6.0, DAMASCUS, BAGHDAD, "2025-01-05", 0.9),  # 5.4
    Coded(7, "ACCUSE", 3, -2.0, (SHARAA, "al-Sharaa"), BAGHDAD, "2025-01-09", 0.7,
          extra={"trigger": "accused"}),  # 1.4
    Coded(8, "ASSAULT", 4, -10.0, BAGHDAD, DAMASCUS, "2025-01-12", 1.0,
          extra={"hypothetical": True}),  # 10, but flagged: not counted, an open question
    Coded(9, "REJECT", 3, -4.0, BAGHDAD, DAMASCUS, None, 0.5,
          extra={"trigger": "rejected"}),  # 2.0, undated
    Coded(10, "ASSAULT", 4, -9.0, (ISIS, "Islamic State"), BAGHDAD, "2025-01-20", 0.9),  # IS
]  # fmt: skip
