"""Stable error codes of learning, exams, 述法 and publicity; tests assert these."""

from enum import StrEnum


class LearningErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    FUTURE_SESSION = "future_session"
    ALREADY_ATTENDED = "already_attended"
    UNKNOWN_PERSON = "unknown_person"
    NOT_ENOUGH_QUESTIONS = "not_enough_questions"
    ALREADY_ENROLLED = "already_enrolled"
    NOT_A_RETAKE = "not_a_retake"
    TIME_UP = "time_up"
    NOT_IN_PAPER = "not_in_paper"
    NOT_A_LEADER = "not_a_leader"
    ALREADY_REPORTED = "already_reported"
    DUPLICATE = "duplicate"
