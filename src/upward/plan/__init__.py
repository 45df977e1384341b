"""Planning: pure functions of the model that decide what a programme does: tailoring (the plan,
the sessions, their dates, scaled agendas: `tailored` and the modules it uses), matching, circles."""
