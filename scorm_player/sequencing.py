"""The sequencing definition model of SCORM 2004 (IMS Simple Sequencing 1.0 and the
ADL extensions), as plain dataclasses with the defaults of the IMS SS XML binding.

`scorm_player.manifest` reads these from imsss/adlseq/adlnav elements; the
sequencing work uses them as the activity tree.
"""

from dataclasses import dataclass, field


@dataclass
class ControlMode:
    choice: bool = True
    choice_exit: bool = True
    flow: bool = False
    forward_only: bool = False
    use_current_attempt_objective_info: bool = True
    use_current_attempt_progress_info: bool = True


@dataclass
class RuleCondition:
    condition: str
    operator: str = "noOp"
    referenced_objective: str | None = None
    measure_threshold: float | None = None


@dataclass
class SequencingRule:
    action: str
    condition_combination: str = "all"
    conditions: list[RuleCondition] = field(default_factory=list)


@dataclass
class SequencingRules:
    pre: list[SequencingRule] = field(default_factory=list)
    exit: list[SequencingRule] = field(default_factory=list)
    post: list[SequencingRule] = field(default_factory=list)


@dataclass
class LimitConditions:
    attempt_limit: int | None = None
    attempt_absolute_duration_limit: str | None = None


@dataclass
class AuxiliaryResource:
    auxiliary_resource_id: str
    purpose: str


@dataclass
class RollupCondition:
    condition: str
    operator: str = "noOp"


@dataclass
class RollupRule:
    action: str
    child_activity_set: str = "all"
    minimum_count: int = 0
    minimum_percent: float = 0.0
    condition_combination: str = "any"
    conditions: list[RollupCondition] = field(default_factory=list)


@dataclass
class RollupRules:
    rollup_objective_satisfied: bool = True
    rollup_progress_completion: bool = True
    objective_measure_weight: float = 1.0
    rules: list[RollupRule] = field(default_factory=list)


@dataclass
class ObjectiveMapInfo:
    target_objective_id: str
    read_satisfied_status: bool = True
    read_normalized_measure: bool = True
    write_satisfied_status: bool = False
    write_normalized_measure: bool = False


@dataclass
class ExtendedObjectiveMapInfo:
    """adlseq:mapInfo (SCORM 2004 4th Edition): the rest of an objective's data."""

    target_objective_id: str
    read_raw_score: bool = True
    read_min_score: bool = True
    read_max_score: bool = True
    read_completion_status: bool = True
    read_progress_measure: bool = True
    write_raw_score: bool = False
    write_min_score: bool = False
    write_max_score: bool = False
    write_completion_status: bool = False
    write_progress_measure: bool = False


@dataclass
class Objective:
    objective_id: str | None
    satisfied_by_measure: bool = False
    min_normalized_measure: float = 1.0
    map_info: list[ObjectiveMapInfo] = field(default_factory=list)
    extended_map_info: list[ExtendedObjectiveMapInfo] = field(default_factory=list)


@dataclass
class Objectives:
    primary: Objective | None = None
    others: list[Objective] = field(default_factory=list)


@dataclass
class RandomizationControls:
    randomization_timing: str = "never"
    select_count: int | None = None
    reorder_children: bool = False
    selection_timing: str = "never"


@dataclass
class DeliveryControls:
    tracked: bool = True
    completion_set_by_content: bool = False
    objective_set_by_content: bool = False


@dataclass
class ConstrainedChoiceConsiderations:
    prevent_activation: bool = False
    constrain_choice: bool = False


@dataclass
class RollupConsiderations:
    required_for_satisfied: str = "always"
    required_for_not_satisfied: str = "always"
    required_for_completed: str = "always"
    required_for_incomplete: str = "always"
    measure_satisfaction_if_active: bool = True


@dataclass
class Sequencing:
    """One activity's effective sequencing definition."""

    control_mode: ControlMode = field(default_factory=ControlMode)
    sequencing_rules: SequencingRules = field(default_factory=SequencingRules)
    limit_conditions: LimitConditions = field(default_factory=LimitConditions)
    auxiliary_resources: list[AuxiliaryResource] = field(default_factory=list)
    rollup_rules: RollupRules = field(default_factory=RollupRules)
    objectives: Objectives = field(default_factory=Objectives)
    randomization_controls: RandomizationControls = field(default_factory=RandomizationControls)
    delivery_controls: DeliveryControls = field(default_factory=DeliveryControls)
    constrained_choice_considerations: ConstrainedChoiceConsiderations = field(
        default_factory=ConstrainedChoiceConsiderations
    )
    rollup_considerations: RollupConsiderations = field(default_factory=RollupConsiderations)
    collection_id: str | None = None  # the IDRef it was merged with, if any
