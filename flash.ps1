<#
.SYNOPSIS
  Flashes SmartLamp onto an ESP32 board with nanoff: nanoFramework firmware, board profile, initial
  settings and the SmartLamp application.

.DESCRIPTION
  Runs up to three nanoff commands, in this order (each only when needed):

    1. nanoFramework firmware   nanoff --update --target <T> --serialport <P>             (-UpdateFirmware)
    2. files on I:\             nanoff --serialport <P> --filedeployment <work>/deploy.json
                                  I:\board.json      <- hardware/<Board>.json
                                  I:\settings.a.json <- settings from -WifiSsid/-MqttHost/... (copy B deleted)
    3. the application          nanoff --target <T> --serialport <P> --deploy --image <Image>   (unless -SkipApp)

  The files go before the application because deploying the image resets the board, so the app's
  first boot already finds its board profile and settings. Step 2 runs for a fresh board
  (-UpdateFirmware), when any setting is given, or with -DeployBoard. A plain run with only -Image is an
  application update that keeps the board's files (settings, Wi-Fi) as they are.

  <T> is the nanoff target from the board profile's "nanoffTarget" field (hardware/<Board>.json), or
  -Target. The settings file is written in the device's settings-store format (firmware/SmartLamp.Core/
  Settings/README.md): it REPLACES the device's settings, every setting not given here is at its default.

  Passwords are never printed: not in the command lines (they only travel inside the settings file),
  not in errors. The staged settings file is deleted after the run, and is readable by the current user
  only while it exists.

  Exit codes: 0 done, 2 bad arguments or missing tools/files (nothing was run), 3 a nanoff command failed
  (the commands after it were not run).

.PARAMETER Board
  Board profile name from hardware/ (esp32-devkitc-relay, sonoff-mini-r4, shelly-plus-1, ...) or the path of
  a profile .json file. Default: esp32-devkitc-relay.
.PARAMETER SerialPort
  The board's serial port: COM5 on Windows, /dev/ttyUSB0 on Linux, /dev/cu.usbserial-0001 on macOS
  (nanoff --listports shows them). Required.
.PARAMETER Target
  nanoff firmware target (e.g. ESP32_PSRAM_REV0 for a WROVER DevKitC); overrides the profile's nanoffTarget.
.PARAMETER UpdateFirmware
  Flash the nanoFramework firmware first (a fresh board, or a firmware update). nanoff keeps the
  configuration partition (I:) across the update.
.PARAMETER Image
  The application deployment image. Default: firmware/SmartLamp/bin/Release/SmartLamp.bin.
.PARAMETER SkipApp
  Do not deploy the application (firmware and/or files only).
.PARAMETER DeployBoard
  Deploy the board profile to I:\board.json even when nothing else needs a file deployment.
.PARAMETER WifiSsid
  Wi-Fi network name (SSId1).
.PARAMETER WifiPassword
  Wi-Fi password (Password1). Never printed.
.PARAMETER MqttHost
  MQTT broker host name or address (MqttHost).
.PARAMETER MqttPort
  MQTT broker port (MqttPort, 1-65535; default 1883 on the device).
.PARAMETER MqttUser
  MQTT user (MqttUser).
.PARAMETER MqttPassword
  MQTT password (MqttPassword). Never printed.
.PARAMETER Topic
  Device topic (Topic; default smartlamp_<last 6 MAC hex digits> on the device).
.PARAMETER ApPassword
  WPA2 password (8-63 characters) of the Wi-Fi setup access point the device opens when it has no
  Wi-Fi or loses it (ApPassword). Without it that access point is open. Never printed.
.PARAMETER MqttTls
  Connect to the broker over TLS (MqttTls 1). Usually with -MqttPort 8883 and -MqttCaCert.
.PARAMETER MqttCaCert
  The broker's CA certificate (PEM file), deployed to I:\mqtt_ca.pem (the default MqttCaFile).
.PARAMETER SettingsOut
  Also write the generated settings file to this path (works with -WhatIf, to inspect it). The file holds
  the passwords in clear text, as the device's flash does.
.PARAMETER WorkDir
  Folder for the staged files (deploy.json, settings file). Default: a new folder under the temp folder,
  removed after the run.

.EXAMPLE
  ./flash.ps1 -Board esp32-devkitc-relay -SerialPort COM5 -UpdateFirmware -WifiSsid MyWifi -WifiPassword 'secret' -MqttHost 192.168.1.10 -Topic lampe
  A fresh DevKitC: firmware, board profile + settings, application.
.EXAMPLE
  ./flash.ps1 -SerialPort /dev/ttyUSB0 -Image firmware/SmartLamp/bin/Release/SmartLamp.bin
  Application update only; the device keeps its settings.
.EXAMPLE
  ./flash.ps1 -Board sonoff-mini-r4 -SerialPort COM7 -UpdateFirmware -MqttHost broker.lan -WhatIf
  Prints the three nanoff commands without running them.
#>
#Requires -Version 7.0
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string]$Board = 'esp32-devkitc-relay',
    [string]$SerialPort,
    [string]$Target,
    [switch]$UpdateFirmware,
    [string]$Image,
    [switch]$SkipApp,
    [switch]$DeployBoard,
    [string]$WifiSsid,
    [string]$WifiPassword,
    [string]$MqttHost,
    [int]$MqttPort = 0,
    [string]$MqttUser,
    [string]$MqttPassword,
    [string]$Topic,
    [string]$ApPassword,
    [switch]$MqttTls,
    [string]$MqttCaCert,
    [string]$SettingsOut,
    [string]$WorkDir
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$script:Root = $PSScriptRoot
$script:InstallLine = 'dotnet tool install --global nanoff'

# Device paths (firmware/SmartLamp/Program.cs BoardFile; the settings store's copy names).
$script:DeviceBoardFile = 'I:\board.json'
$script:DeviceCaFile = 'I:\mqtt_ca.pem'
$script:SettingsCopyA = 'settings.a.json'
$script:SettingsCopyB = 'settings.b.json'

function Stop-Flash([string]$Message, [int]$Code = 2) {
    [Console]::Error.WriteLine("flash.ps1: $Message")
    exit $Code
}

function Format-Argument([string]$Value) {
    if ($Value -match '[\s"''`$&|;<>(){}]' -or $Value.Length -eq 0) {
        return '"' + ($Value -replace '"', '\"') + '"'
    }
    return $Value
}

function Format-Command([string[]]$Arguments) {
    return 'nanoff ' + (($Arguments | ForEach-Object { Format-Argument $_ }) -join ' ')
}

# ---------------------------------------------------------------------------------------------------
# Board profile -> file + nanoff target

function Resolve-Board([string]$Name) {
    if ($Name -like '*.json') {
        $path = $Name
        if (-not [IO.Path]::IsPathRooted($path)) {
            $path = Join-Path (Get-Location).Path $path
        }
        if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
            Stop-Flash "board profile file not found: $Name"
        }
        return (Resolve-Path -LiteralPath $path).Path
    }

    $hardware = Join-Path $script:Root 'hardware'
    $known = @(Get-ChildItem -LiteralPath $hardware -Filter '*.json' -File -ErrorAction SilentlyContinue |
            ForEach-Object { $_.BaseName } | Sort-Object)
    if ($Name -notmatch '^[a-z0-9_-]{1,40}$' -or $known -notcontains $Name) {
        Stop-Flash ("unknown board '$Name'; known boards: " + ($known -join ', ') + " (or the path of a profile .json file)")
    }
    return Join-Path $hardware "$Name.json"
}

function Get-BoardTarget([string]$ProfilePath) {
    try {
        $json = Get-Content -LiteralPath $ProfilePath -Raw | ConvertFrom-Json
    }
    catch {
        Stop-Flash "board profile $ProfilePath is not valid JSON: $($_.Exception.Message)"
    }
    $names = @($json.PSObject.Properties | ForEach-Object { $_.Name })
    if ($names -contains 'nanoffTarget' -and $json.nanoffTarget -is [string] -and $json.nanoffTarget.Length -gt 0) {
        return $json.nanoffTarget
    }
    return $null
}

# ---------------------------------------------------------------------------------------------------
# Settings file (format: firmware/SmartLamp.Core/Settings/README.md)

function Test-Text([string]$Name, [string]$Value, [int]$Max) {
    if ($null -eq $Value) { return }
    if ($Value.Length -gt $Max) {
        Stop-Flash "-$Name is longer than $Max characters"
    }
    if ($Value -match '[\x00-\x1f\x7f]') {
        Stop-Flash "-$Name contains a control character"
    }
}

$script:CrcTable = $null
# CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF), in [long] so
# PowerShell's signed -bxor never overflows.
function Get-Crc32([byte[]]$Bytes) {
    if ($null -eq $script:CrcTable) {
        $script:CrcTable = [long[]]::new(256)
        for ($n = 0; $n -lt 256; $n++) {
            [long]$c = $n
            for ($k = 0; $k -lt 8; $k++) {
                if ($c -band 1) { $c = 0xEDB88320L -bxor ($c -shr 1) } else { $c = $c -shr 1 }
            }
            $script:CrcTable[$n] = $c
        }
    }
    [long]$crc = 0xFFFFFFFFL
    foreach ($b in $Bytes) {
        $crc = $script:CrcTable[($crc -bxor $b) -band 0xFF] -bxor ($crc -shr 8)
    }
    return [uint32](($crc -bxor 0xFFFFFFFFL) -band 0xFFFFFFFFL)
}

function ConvertTo-JsonString([string]$Value) {
    return ConvertTo-Json -InputObject $Value -Compress
}

function New-SettingsText([System.Collections.Specialized.OrderedDictionary]$Fields) {
    $parts = foreach ($key in $Fields.Keys) {
        $v = $Fields[$key]
        if ($v -is [int]) { '"' + $key + '":' + $v }
        else { '"' + $key + '":' + (ConvertTo-JsonString ([string]$v)) }
    }
    return '{' + ($parts -join ',') + '}'
}

# One copy of the settings store's file, version 2 (firmware/SmartLamp.Core/Settings/README.md):
# '{"Crc32":"XXXXXXXX",' + '"Seq":1,"Version":2,<keys>}', the CRC-32 over the UTF-8 bytes after the
# 20-byte header up to and including the last '}'. Seq 1 wins because copy B is deleted with it.
function New-SettingsFileText([System.Collections.Specialized.OrderedDictionary]$Fields) {
    $rest = '"Seq":1,"Version":2,' + (New-SettingsText $Fields).Substring(1)
    $crc = Get-Crc32 ([Text.UTF8Encoding]::new($false).GetBytes($rest))
    return '{"Crc32":"' + $crc.ToString('X8') + '",' + $rest
}

# ---------------------------------------------------------------------------------------------------

$whatIf = [bool]$WhatIfPreference

if ([string]::IsNullOrWhiteSpace($SerialPort)) {
    Stop-Flash "no serial port given: pass -SerialPort (e.g. COM5, /dev/ttyUSB0; 'nanoff --listports' lists them)"
}
if ($SerialPort -match '\s') {
    Stop-Flash "serial port '$SerialPort' contains white space"
}

$boardPath = Resolve-Board $Board
if ([string]::IsNullOrEmpty($Target)) {
    $Target = Get-BoardTarget $boardPath
    if ([string]::IsNullOrEmpty($Target)) {
        Stop-Flash "board profile $boardPath has no nanoffTarget; pass -Target (e.g. ESP32_REV0)"
    }
}
if ($Target -notmatch '^[A-Za-z0-9_.]{1,64}$') {
    Stop-Flash "nanoff target '$Target' is not a target name (e.g. ESP32_REV0)"
}

if (-not $SkipApp) {
    if ([string]::IsNullOrEmpty($Image)) {
        $Image = Join-Path $script:Root 'firmware/SmartLamp/bin/Release/SmartLamp.bin'
    }
    elseif (-not [IO.Path]::IsPathRooted($Image)) {
        $Image = Join-Path (Get-Location).Path $Image
    }
    if (-not (Test-Path -LiteralPath $Image -PathType Leaf)) {
        Stop-Flash "application image not found: $Image (build firmware/SmartLamp/SmartLamp.nfproj in Release first, or pass -Image; -SkipApp deploys no application)"
    }
    $Image = (Resolve-Path -LiteralPath $Image).Path
}

# Settings given on the command line, in the store's keys (the Tasmota command names).
Test-Text 'WifiSsid' $WifiSsid 32
Test-Text 'WifiPassword' $WifiPassword 64
Test-Text 'MqttHost' $MqttHost 128
Test-Text 'MqttUser' $MqttUser 64
Test-Text 'MqttPassword' $MqttPassword 64
Test-Text 'Topic' $Topic 32
if ($PSBoundParameters.ContainsKey('MqttPort') -and ($MqttPort -lt 1 -or $MqttPort -gt 65535)) {
    Stop-Flash "-MqttPort must be 1-65535, got $MqttPort"
}
if ($PSBoundParameters.ContainsKey('Topic') -and ($Topic.Length -eq 0 -or $Topic -match '[+#/\s]')) {
    Stop-Flash "-Topic must be 1-32 characters without + # / or spaces"
}
if ($PSBoundParameters.ContainsKey('ApPassword') -and ($ApPassword.Length -lt 8 -or $ApPassword.Length -gt 63 -or $ApPassword -match '[^\x20-\x7E]')) {
    Stop-Flash "-ApPassword must be 8-63 printable ASCII characters (WPA2)"
}

# In the store's key order (SettingsSchema.cs); keys are the Tasmota command names.
$settings = [ordered]@{}
if ($PSBoundParameters.ContainsKey('MqttHost')) { $settings['MqttHost'] = $MqttHost }
if ($PSBoundParameters.ContainsKey('MqttPort')) { $settings['MqttPort'] = $MqttPort }
if ($PSBoundParameters.ContainsKey('MqttUser')) { $settings['MqttUser'] = $MqttUser }
if ($PSBoundParameters.ContainsKey('MqttPassword')) { $settings['MqttPassword'] = $MqttPassword }
if ($PSBoundParameters.ContainsKey('Topic')) { $settings['Topic'] = $Topic }
if ($PSBoundParameters.ContainsKey('WifiSsid')) { $settings['SSId1'] = $WifiSsid }
if ($PSBoundParameters.ContainsKey('WifiPassword')) { $settings['Password1'] = $WifiPassword }
if ($MqttTls) { $settings['MqttTls'] = 1 }
if ($PSBoundParameters.ContainsKey('ApPassword')) { $settings['ApPassword'] = $ApPassword }
$hasSettings = $settings.Count -gt 0

$caPath = $null
if (-not [string]::IsNullOrEmpty($MqttCaCert)) {
    $caPath = if ([IO.Path]::IsPathRooted($MqttCaCert)) { $MqttCaCert } else { Join-Path (Get-Location).Path $MqttCaCert }
    if (-not (Test-Path -LiteralPath $caPath -PathType Leaf)) {
        Stop-Flash "CA certificate not found: $MqttCaCert"
    }
    $caPath = (Resolve-Path -LiteralPath $caPath).Path
    if ((Get-Content -LiteralPath $caPath -Raw) -notmatch '-----BEGIN CERTIFICATE-----') {
        Stop-Flash "CA certificate $MqttCaCert is not a PEM file (no -----BEGIN CERTIFICATE----- line)"
    }
}

$deployFiles = $UpdateFirmware -or $hasSettings -or $DeployBoard -or ($null -ne $caPath)
if ($SkipApp -and -not $UpdateFirmware -and -not $deployFiles) {
    Stop-Flash 'nothing to do: -SkipApp without -UpdateFirmware, -DeployBoard or a setting'
}

if (-not $whatIf) {
    if ($null -eq (Get-Command nanoff -CommandType Application -ErrorAction SilentlyContinue)) {
        Stop-Flash "nanoff was not found on PATH. Install it with: $script:InstallLine (then open a new terminal so ~/.dotnet/tools is on PATH)"
    }
}

$settingsText = $null
if ($hasSettings) {
    $settingsText = New-SettingsFileText $settings
}
if (-not [string]::IsNullOrEmpty($SettingsOut)) {
    if (-not $hasSettings) {
        Stop-Flash '-SettingsOut needs at least one setting (-WifiSsid, -MqttHost, ...)'
    }
    [IO.File]::WriteAllText($SettingsOut, $settingsText, [Text.UTF8Encoding]::new($false))
}

# ---------------------------------------------------------------------------------------------------
# The plan: every nanoff command line, in order.

$ownWorkDir = [string]::IsNullOrEmpty($WorkDir)
if ($ownWorkDir) {
    $WorkDir = Join-Path ([IO.Path]::GetTempPath()) ('smartlamp-flash-' + [Guid]::NewGuid().ToString('N').Substring(0, 12))
}
elseif (-not [IO.Path]::IsPathRooted($WorkDir)) {
    $WorkDir = Join-Path (Get-Location).Path $WorkDir
}
$deployJson = Join-Path $WorkDir 'deploy.json'
$stagedSettings = Join-Path $WorkDir $script:SettingsCopyA

$steps = [System.Collections.Generic.List[object]]::new()
if ($UpdateFirmware) {
    $steps.Add([pscustomobject]@{ What = "nanoFramework firmware $Target"; Args = @('--update', '--target', $Target, '--serialport', $SerialPort) })
}
if ($deployFiles) {
    $steps.Add([pscustomobject]@{ What = 'board profile and settings to I:'; Args = @('--serialport', $SerialPort, '--filedeployment', $deployJson) })
}
if (-not $SkipApp) {
    $steps.Add([pscustomobject]@{ What = 'SmartLamp application'; Args = @('--target', $Target, '--serialport', $SerialPort, '--deploy', '--image', $Image) })
}

# nanoff's file deployment list (nanoFirmwareFlasher FileDeploymentConfiguration: SerialPort, Files[] of
# DestinationFilePath + SourceFilePath; no SourceFilePath = delete the destination).
$files = [System.Collections.Generic.List[object]]::new()
$files.Add([ordered]@{ DestinationFilePath = $script:DeviceBoardFile; SourceFilePath = $boardPath })
if ($null -ne $caPath) {
    $files.Add([ordered]@{ DestinationFilePath = $script:DeviceCaFile; SourceFilePath = $caPath })
}
if ($hasSettings) {
    $files.Add([ordered]@{ DestinationFilePath = 'I:\' + $script:SettingsCopyA; SourceFilePath = $stagedSettings })
    # The other copy could carry a higher sequence number and win at boot: delete it.
    $files.Add([ordered]@{ DestinationFilePath = 'I:\' + $script:SettingsCopyB })
}
$deployText = ConvertTo-Json -InputObject ([ordered]@{ SerialPort = $SerialPort; Files = $files.ToArray() }) -Depth 4

if ($whatIf) {
    foreach ($s in $steps) {
        Write-Output (Format-Command $s.Args)
    }
    if ($deployFiles) {
        Write-Output "# $deployJson would hold:"
        foreach ($line in ($deployText -split "`r?`n")) {
            Write-Output "# $line"
        }
    }
    exit 0
}

# ---------------------------------------------------------------------------------------------------
# Run.

$created = [System.Collections.Generic.List[string]]::new()
$exitCode = 0
try {
    if ($deployFiles) {
        if (-not (Test-Path -LiteralPath $WorkDir)) {
            New-Item -ItemType Directory -Path $WorkDir | Out-Null
        }
        if ($hasSettings) {
            # Create it empty and private first, then write the secrets into it.
            [IO.File]::WriteAllText($stagedSettings, '')
            $created.Add($stagedSettings)
            if (-not $IsWindows) {
                [IO.File]::SetUnixFileMode($stagedSettings, [IO.UnixFileMode]'UserRead, UserWrite')
            }
            [IO.File]::WriteAllText($stagedSettings, $settingsText, [Text.UTF8Encoding]::new($false))
        }
        [IO.File]::WriteAllText($deployJson, $deployText, [Text.UTF8Encoding]::new($false))
        $created.Add($deployJson)
    }

    $n = 0
    foreach ($s in $steps) {
        $n++
        Write-Output "flash.ps1: step $n/$($steps.Count): $($s.What)"
        Write-Output (Format-Command $s.Args)
        & nanoff @($s.Args)
        if ($LASTEXITCODE -ne 0) {
            [Console]::Error.WriteLine("flash.ps1: nanoff failed with exit code $LASTEXITCODE at step $n/$($steps.Count) ($($s.What)); the steps after it were not run")
            $exitCode = 3
            break
        }
    }
    if ($exitCode -eq 0) {
        Write-Output 'flash.ps1: done. The board restarts into SmartLamp; its serial console (COM2, 115200 8N1) shows the boot.'
    }
}
finally {
    foreach ($f in $created) {
        Remove-Item -LiteralPath $f -Force -ErrorAction SilentlyContinue
    }
    if ($ownWorkDir -and (Test-Path -LiteralPath $WorkDir)) {
        Remove-Item -LiteralPath $WorkDir -Recurse -Force -ErrorAction SilentlyContinue
    }
}
exit $exitCode
