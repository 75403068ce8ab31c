// The one JSON form of a ball (docs/certification.md §1, "Printing a ball").
#pragma once

#include "core/ball.hpp"
#include "core/report.hpp"

namespace ael::api {

// {"mid", "rad"}: the printed interval [mid − rad, mid + rad] contains the ball.
Json ball_json(const Ball& x, int digits);

}  // namespace ael::api
